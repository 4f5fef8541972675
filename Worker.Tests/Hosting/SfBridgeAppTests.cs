using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Hosting;

public sealed class SfBridgeAppTests : IDisposable
{
    private static readonly string Mappings = "--Mappings:Path=" + Path.Combine(Fixtures.RepoPaths.Root, "mappings");
    private readonly string _state = Directory.CreateTempSubdirectory("sfbridge-run-").FullName;

    private string State => $"--State:ConnectionString=Data Source={Path.Combine(_state, "state.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task RunAsync_NoSalesforceSettings_ExitsWithOneLinePerMissingKey()
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["run", "--once"], stderr);

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Contains(lines, l => l.StartsWith("Configuration error: Salesforce:LoginUrl is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Configuration error: Salesforce:ClientId is required", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("Configuration error: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BadStateProvider_NamesTheKey()
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["run", "--once", "--Salesforce:LoginUrl=https://login.salesforce.com",
            "--Salesforce:ClientId=x", "--Salesforce:ClientSecret=y", "--State:Provider=mongodb", Mappings], stderr);

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Equal("Configuration error: State:Provider must be sqlite or postgres, not 'mongodb'", stderr.ToString().Trim());
    }

    [Theory]
    [InlineData("'bogus'", "SfBridge --help", "bogus")]
    [InlineData("'--onse'", "SfBridge run --help", "run", "--onse")]
    public async Task RunAsync_UnknownCommandOrFlag_ExitsWithOneLineNamingItAndWhereHelpIs(string named, string help, params string[] args)
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(args, stderr);

        Assert.Equal(RunOutcome.UsageError, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains(help, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_AgainstTheSampleOrg_RunsEveryJobAndExitsZero()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = Fixtures.RepoPaths.SampleOrg });

        var exit = await SfBridgeApp.RunAsync(["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}",
            "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal", Mappings, State], new StringWriter());

        Assert.Equal(RunOutcome.Success, exit);
        // the org check at start (5), the case backfill, the 9 Omni-Channel and org queries, one read of SfBridge's own posts (a new database)
        Assert.Equal(1, emulator.Requests.Count("query") - 15);
        Assert.True(File.Exists(Path.Combine(_state, "state.db")));
    }

    [Fact]
    public async Task RunOnce_WithPostgresState_RunsEveryJobAndExitsZero()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = Fixtures.RepoPaths.SampleOrg });
        var database = await Fixtures.PostgresDatabase.CreateAsync();
        try
        {
            var exit = await SfBridgeApp.RunAsync(["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge",
                "--Salesforce:ClientSecret=rehearsal", Mappings, "--Alerts:FirstStartBaseline=false", "--State:Provider=postgres", $"--State:ConnectionString={Fixtures.PostgresDatabase.ConnectionString(database)}"],
                new StringWriter());

            Assert.Equal(RunOutcome.Success, exit);
            Assert.NotEmpty(emulator.Feed("500SB0000001002YAA")); // alerts went out with the state in PostgreSQL (the sample org's are months old: no baseline)
        }
        finally
        {
            await Fixtures.PostgresDatabase.DropAsync(database);
        }
    }

    [Fact]
    public async Task RunOnce_OrgOutOfApiCalls_ExitsNonZero()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();

        emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "query", Times: 1_000)); // an org out of calls stays out, from the org check at start on
        var exit = await SfBridgeApp.RunAsync(["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}",
            "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal", Mappings, State], new StringWriter());

        Assert.Equal(RunOutcome.CycleFailed, exit);
    }
}
