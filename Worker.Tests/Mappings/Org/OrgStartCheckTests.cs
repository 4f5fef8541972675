using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Mappings.Org;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Mappings.Org;

/// <summary>The org check <c>run</c> makes before its first job: refuse what would fail every sync, warn about the rest, never hang.</summary>
public sealed class OrgStartCheckTests : IDisposable
{
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");
    private readonly string _state = Directory.CreateTempSubdirectory("sfbridge-orgstart-").FullName;

    private string[] Run(SalesforceEmulator emulator, params string[] extra) =>
    [
        "run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=s3cr3t",
        $"--Mappings:Path={Mappings}", $"--State:ConnectionString=Data Source={Path.Combine(_state, "state.db")}", .. extra,
    ];

    [Fact]
    public async Task RunOnce_MappedFieldTheOrgDoesNotHave_RefusesToStartWithOneLineAndExitThree_BeforeAnyCaseIsRead()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Metadata.RemoveField("Case", "Numero_Pedido__c");
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(Run(emulator), stderr, new StringWriter());

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var row = Array.FindIndex(File.ReadAllLines(Path.Combine(Mappings, "fields.csv")), l => l.StartsWith("order_number,", StringComparison.Ordinal)) + 1;
        Assert.Equal($"Configuration error: fields.csv:{row}:2: [api_name] Case.Numero_Pedido__c: Case.Numero_Pedido__c does not exist, or the integration user " +
                     "cannot read it (field-level security); every case query selects the mapped fields and would fail", line.TrimEnd());
        Assert.Equal(5, emulator.Requests.Count("query")); // the check's own reads; no case query, no post
        Assert.Equal(0, emulator.Requests.Count("chatter-batch") + emulator.Requests.Count("chatter-post"));
    }

    [Fact]
    public async Task RunOnce_InactiveMentionedUser_IsOneWarningInTheLogAndTheWorkerRuns()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Org.Update("005SB0000000005YAA", new JsonObject { ["IsActive"] = false });

        var (exit, output, errors) = await WorkerProcess.RunAsync(TimeSpan.FromMinutes(2), Run(emulator));

        Assert.Equal(RunOutcome.Success, exit);
        Assert.Equal("", errors);
        var warning = Assert.Single(output.Split('\n'), l => l.Contains("Mapping problem against the org", StringComparison.Ordinal));
        Assert.Contains(" WRN] ", warning, StringComparison.Ordinal);
        Assert.Contains("mentions.csv:", warning, StringComparison.Ordinal);
        Assert.Contains("the User 005SB0000000005YAA (Zenaide Rocha) is inactive", warning, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.Contains("Checked the mappings against the org: 1 problems", StringComparison.Ordinal) &&
                                                 l.Contains("9 API calls: 4 describe, 5 query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_CheckOrgAtStartOff_MakesNoDescribeCall_AndTheCycleMeetsTheMissingField()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Metadata.RemoveField("Case", "Numero_Pedido__c");

        var exit = await SfBridgeApp.RunAsync(Run(emulator, "--Salesforce:CheckOrgAtStart=false"), new StringWriter(), new StringWriter());

        Assert.Equal(RunOutcome.CycleFailed, exit);
        Assert.Equal(0, emulator.Requests.Count("describe"));
    }

    [Fact]
    public async Task StartCheck_OrgSlowerThanOrgCheckTimeout_StartsWithoutTheCheckAndSaysSo()
    {
        await using var h = await SalesforceHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Mappings:Path"] = Mappings, ["Salesforce:OrgCheckTimeout"] = "00:00:10",
        }, services: s =>
        {
            s.AddSingleton<PolicyProvider>();
            s.AddOptions<MappingsOptions>().BindConfiguration(MappingsOptions.SectionName);
        });
        h.Emulator.Faults.Add(new Fault(FaultKind.Slow, "describe")); // held until the client gives up

        var check = OrgStartCheck.RunAsync(h.Services, new StringWriter(), CancellationToken.None);
        await h.Emulator.Faults.SlowRequestStarted;
        h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(h.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning &&
                                            e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) == "The org check did not finish within 00:00:10; starting without it");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }
}
