using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SfBridge.Hosting;
using SfBridge.State;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

public sealed class ServiceHostTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("sfbridge-host-").FullName;

    private CommandLine Run(string loginUrl, params string[] extra) => new(CommandLine.Run, false, new Dictionary<string, string>(),
    [
        $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal",
        "--Salesforce:QueryBatchSize=200", $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}",
        $"--State:ConnectionString=Data Source={Path.Combine(_state, "state.db")}", "--Health:Url=", .. extra,
    ]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Host_BuildsWithScopeAndBuildValidationForEveryJob(bool once)
    {
        var command = Run("https://login.salesforce.com", "--Jobs:SlaSweep:Cron=0 */2 * ? * MON-FRI") with { Once = once };

        using var host = SfBridgeApp.CreateHost(command); // ValidateOnBuild: every job and service can be constructed

        Assert.NotNull(host.Services.GetRequiredService<SfBridge.Sync.Cycle>());
    }

    [Fact]
    public async Task RunAsync_BadCronExpression_IsAConfigurationError()
    {
        var stderr = new StringWriter();
        var args = new[] { "run" }.Concat(Run("https://login.salesforce.com", "--Jobs:SlaSweep:Cron=every minute").ConfigurationArgs).ToArray();

        var exit = await SfBridgeApp.RunAsync(args, stderr);

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Contains("Configuration error: Jobs:SlaSweep:Cron 'every minute' is not a Quartz cron expression", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHost_StoppedWhileAPageIsInFlight_AbandonsItAndKeepsStoredPages()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        for (var i = 0; i < 1_000; i++)
        {
            emulator.Org.Insert("Case", new System.Text.Json.Nodes.JsonObject { ["CaseNumber"] = i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), ["IsClosed"] = false });
        }

        emulator.Faults.Add(new Fault(FaultKind.Slow, "queryMore") { After = 1 });
        using var host = SfBridgeApp.CreateHost(Run(emulator.BaseUrl, "--Jobs:OmniChannelSync:Interval=01:00:00", "--Jobs:SlaSweep:Interval=01:00:00"));
        await host.StartAsync();
        await emulator.Faults.SlowRequestStarted;

        await host.StopAsync(); // what SIGTERM does

        var store = host.Services.GetRequiredService<AdoStateStore>();
        var tracked = await store.QueryAsync("SELECT COUNT(*) FROM tracked_cases", default);
        var runs = await store.QueryAsync("SELECT detail FROM runs WHERE job = 'case-sync'", default);
        Assert.Equal(400L, tracked[0][0]);
        Assert.Equal("stopped", Assert.Single(runs)[0]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }
}
