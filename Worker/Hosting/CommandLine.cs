namespace SfBridge.Hosting;

/// <summary>
/// A parsed command line: the command (run when none is named), run's <c>--once</c>, the command's options as given
/// (flags as <c>"true"</c>), and the configuration arguments (<c>--Section:Key=value</c>) for .NET configuration.
/// <see cref="CommandLineSyntax"/> defines the commands and options and parses them with System.CommandLine.
/// </summary>
public sealed record CommandLine(string Command, bool Once, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> ConfigurationArgs)
{
    public const string Run = "run";
    public const string Audit = "audit";
    public const string ValidateMappings = "validate-mappings";
    public const string Explain = "explain";
    public const string Health = "health";
    public const string Replay = "replay";

    /// <summary>
    /// The command line <paramref name="args"/> stand for (tests and tools that build a host from arguments).
    /// <paramref name="error"/> is null when they name a command, the usage problems (one line each) when they are not
    /// valid, and empty when they ask for help or the version.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = CommandLineSyntax.Parse(args, (_, _) => Task.FromResult(RunOutcome.Success));
        error = parsed.Errors.Count > 0 ? string.Join(Environment.NewLine, parsed.Errors) : parsed.Command is null ? "" : null;
        return parsed.Command ?? new CommandLine(Run, false, new Dictionary<string, string>(), []);
    }
}
