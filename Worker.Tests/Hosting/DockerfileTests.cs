using System.Text.RegularExpressions;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>The Dockerfile, linted and read; scripts/docker-build.sh builds and smoke-runs the image itself.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string DockerfilePath = Path.Combine(RepoPaths.Root, "Dockerfile");

    [ToolFact("npm")]
    public async Task Dockerfile_LintedByDockerfileUtils_HasNoErrorOrWarning()
    {
        var linter = Path.Combine(ExternalTool.ToolCache, "node_modules", ".bin", "dockerfile-utils");
        Assert.True(File.Exists(linter), $"dockerfile-utils is not installed in {ExternalTool.ToolCache}: scripts/test.sh installs it (scripts/test-tools.sh)");

        var (exit, output) = await ExternalTool.RunAsync(linter, ["lint", DockerfilePath]);

        Assert.True(exit == 0 && output.Length == 0, $"dockerfile-utils lint exited {exit}:\n{output}");
    }

    [Fact]
    public void Dockerfile_PublishesInAnSdkStage_AndRunsOnRuntimeDeps_BothBasesOverridable()
    {
        var (globals, stages) = Read();

        Assert.Equal(2, stages.Count);
        Assert.Contains(("ARG", "BUILD_BASE=mcr.microsoft.com/dotnet/sdk:10.0"), globals);
        Assert.Contains(("ARG", "BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0"), globals);
        Assert.Equal("${BUILD_BASE} AS build", stages[0][0].Args);
        Assert.Equal("${BASE}", stages[1][0].Args);
        Assert.Contains(stages[0], i => i.Keyword == "RUN" && i.Args.Contains("dotnet publish Worker/Worker.csproj", StringComparison.Ordinal)
            && i.Args.Contains("--self-contained", StringComparison.Ordinal) && i.Args.Contains("--runtime linux-x64", StringComparison.Ordinal));
        Assert.Contains(stages[1], i => i == ("COPY", "--from=build /out/ /app/"));
    }

    [Fact]
    public void Dockerfile_FinalStage_RunsAsNonRootWithTheStateInTheDataVolume()
    {
        var final = Read().Stages[^1];
        var env = Environment(final);

        var user = Assert.Single(final, i => i.Keyword == "USER").Args;
        var uid = user.Split(':')[0];
        Assert.NotEqual("0", uid);
        Assert.NotEqual("root", uid);
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Args.Contains($"useradd --uid {uid} ", StringComparison.Ordinal) && i.Args.Contains($"chown sfbridge:sfbridge /app/data", StringComparison.Ordinal));
        Assert.Equal("[\"/app/data\"]", Assert.Single(final, i => i.Keyword == "VOLUME").Args);
        Assert.Equal("sqlite", env["State__Provider"]);
        Assert.StartsWith("Data Source=/app/data/", env["State__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("/app/mappings", env["Mappings__Path"]);
        Assert.Contains(final, i => i == ("COPY", "mappings/ /app/mappings/"));
    }

    [Fact]
    public void Dockerfile_HealthCheck_RunsTheHealthCommandAgainstTheExposedPort()
    {
        var final = Read().Stages[^1];
        var env = Environment(final);

        var healthCheck = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Args;
        Assert.EndsWith("CMD [\"/app/SfBridge\", \"health\"]", healthCheck, StringComparison.Ordinal);
        Assert.Equal("[\"/app/SfBridge\"]", Assert.Single(final, i => i.Keyword == "ENTRYPOINT").Args);
        var healthUrl = new Uri(env["Health__Url"]);
        Assert.Equal("0.0.0.0", healthUrl.Host); // the orchestrator probes from outside the container's loopback
        Assert.Equal(healthUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(final, i => i.Keyword == "EXPOSE").Args);
    }

    [Fact]
    public void DockerIgnore_SendsOnlyTheSourcesTheImageNeeds()
    {
        var rules = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var (_, stages) = Read();
        var copied = stages.SelectMany(s => s).Where(i => i.Keyword == "COPY" && !i.Args.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Args.Split(' ')[..^1]).ToList();

        Assert.Equal("*", rules[0]); // everything else (bin/, obj/, artifacts/, .git, tests) stays out of the build context
        Assert.All(copied, source => Assert.Contains("!" + source.Split('/')[0] + (source.Contains('/', StringComparison.Ordinal) ? "/" : ""), rules));
        Assert.Contains("Worker/bin/", rules);
        Assert.Contains("Worker/obj/", rules);
    }

    /// <summary>Instructions before the first FROM, and each stage's (its FROM first); continuations joined, comments dropped.</summary>
    private static (List<(string Keyword, string Args)> Globals, List<List<(string Keyword, string Args)>> Stages) Read()
    {
        var logical = new List<string>();
        var current = "";
        foreach (var line in File.ReadAllLines(DockerfilePath).Where(l => !l.TrimStart().StartsWith('#')))
        {
            current += line.TrimEnd().TrimEnd('\\').Trim() + " ";
            if (!line.TrimEnd().EndsWith('\\'))
            {
                if (current.Trim().Length > 0)
                {
                    logical.Add(Spaces().Replace(current.Trim(), " "));
                }

                current = "";
            }
        }

        var globals = new List<(string, string)>();
        var stages = new List<List<(string, string)>>();
        foreach (var instruction in logical.Select(l => (Keyword: l.Split(' ')[0].ToUpperInvariant(), Args: l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..])))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            (stages.Count == 0 ? globals : stages[^1]).Add(instruction);
        }

        return (globals, stages);
    }

    private static Dictionary<string, string> Environment(List<(string Keyword, string Args)> stage) =>
        stage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => EnvPair().Matches(i.Args))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["plain"].Value);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?<quoted>[^"]*)"|(?<plain>\S+))""")]
    private static partial Regex EnvPair();
}
