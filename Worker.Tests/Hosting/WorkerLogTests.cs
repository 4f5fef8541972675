using System.Reflection;
using SfBridge.Hosting;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>What an operator reads in the worker's console: a bounded, stack-trace-free account of a bad day, and who it is.</summary>
public sealed class WorkerLogTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _state = Directory.CreateTempSubdirectory("sfbridge-logs-").FullName;

    private string[] Run(string loginUrl, params string[] extra) =>
    [
        "run", "--once", $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=s3cr3t-never-logged",
        $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", $"--State:ConnectionString=Data Source={Path.Combine(_state, "state.db")}", .. extra,
    ];

    [Fact]
    public async Task RunOnce_SalesforceUnreachable_LogsOneLinePerRetryAndNoStackTrace()
    {
        // Reproduced: one cycle against a closed port wrote ~400 lines, a stack trace on every retry (Polly's telemetry).
        var (exit, output, errors) = await WorkerProcess.RunAsync(Limit, Run($"http://127.0.0.1:{WorkerProcess.ClosedPort()}",
            "--Salesforce:Resilience:BaseDelay=00:00:00.010"));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RunOutcome.CycleFailed, exit);
        Assert.True(lines.Length <= 20, $"{lines.Length} lines:\n{output}");
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("--- End of", StringComparison.Ordinal));
        Assert.Equal("", errors);
        var retries = lines.Where(l => l.Contains("Retrying Salesforce POST /services/oauth2/token", StringComparison.Ordinal)).ToList();
        // the org check at start, case sync, Omni-Channel sync, and the dispatch's first read of SfBridge's own posts (a new database): 3 retries each
        Assert.Equal(12, retries.Count);
        Assert.All(retries, l => Assert.Matches(@"after attempt \d: HttpRequestException: Connection refused", l));
        Assert.Equal(4, lines.Count(l => l.Contains("failed after 4 attempts: NETWORK", StringComparison.Ordinal))); // one summary per failed call
        Assert.DoesNotContain(lines, l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_StartUpLine_NamesVersionCommandOrgStateAndMappings_WithoutSecrets()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();

        var (exit, output, _) = await WorkerProcess.RunAsync(Limit, Run(emulator.BaseUrl));

        var version = typeof(SfBridgeApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var line = Assert.Single(output.Split('\n'), l => l.Contains(" starting ", StringComparison.Ordinal));
        Assert.Equal(RunOutcome.Success, exit);
        Assert.Contains($"SfBridge {version} starting run --once: org {emulator.BaseUrl}/, state sqlite at {Path.Combine(_state, "state.db")}, " +
                        $"mappings {Path.Combine(RepoPaths.Root, "mappings")}", line, StringComparison.Ordinal);
        Assert.StartsWith("[", line, StringComparison.Ordinal);
        Assert.Contains(" INF] ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUpLine_Postgres_NamesHostPortAndDatabaseButNeverThePassword()
    {
        var location = SfBridge.State.StateConnection.Location(new SfBridge.State.StateOptions
        {
            Provider = "postgres",
            ConnectionString = "Host=db.internal;Port=5433;Database=sfbridge;Username=worker;Password=pg-s3cr3t",
        });

        Assert.Equal("db.internal:5433/sfbridge", location);
        Assert.Equal("https://acme.my.salesforce.com/", StartupPreparation.OrgUrl("https://user:pw@acme.my.salesforce.com/?token=x#y"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }
}
