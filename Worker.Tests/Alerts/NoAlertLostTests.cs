using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SfBridge.Hosting;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>A run interrupted at any point loses no alert: the ledger and the outbox move together or not at all.</summary>
public sealed class NoAlertLostTests
{
    private const string GsoQueue = "00GSB0000000002YAA";

    /// <summary>Makes every insert into the outbox fail inside the database itself, as a full disk or a lost connection would.</summary>
    private static async Task BreakOutboxAsync(SyncHarness h, string provider)
    {
        if (provider == "sqlite")
        {
            await h.Store.QueryAsync("CREATE TRIGGER outbox_broken BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END", default);
        }
        else
        {
            await h.Store.QueryAsync("CREATE OR REPLACE FUNCTION outbox_broken() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$ LANGUAGE plpgsql", default);
            await h.Store.QueryAsync("CREATE TRIGGER outbox_broken BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION outbox_broken()", default);
        }
    }

    private static Task RepairOutboxAsync(SyncHarness h, string provider) =>
        h.Store.QueryAsync(provider == "sqlite" ? "DROP TRIGGER outbox_broken" : "DROP TRIGGER outbox_broken ON alerts", default);

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task SweepFailingBetweenLedgerAndOutbox_LosesNeitherTheBreachNorItsResolutionNote(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        h.Emulator.Org.Insert("User", new JsonObject { ["Id"] = "005SB0000000002YAA", ["Name"] = "Rafael Lima", ["IsActive"] = true });
        h.Emulator.Org.Insert("Group", new JsonObject { ["Id"] = GsoQueue, ["Name"] = "GSO", ["DeveloperName"] = "GSO", ["Type"] = "Queue" });
        var caseId = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["OwnerId"] = GsoQueue;
        })[0];
        await h.Cycle.RunOnceAsync(default);

        // The breach comes due while the outbox cannot be written: the sweep fails as a whole.
        await BreakOutboxAsync(h, provider);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01'")); // nothing recorded as known
        await RepairOutboxAsync(h, provider);
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(h.Emulator.Feed(caseId));

        // The breach clears while the outbox is broken: the clearing and its resolution note wait for each other.
        h.Emulator.Org.Update(caseId, new JsonObject { ["Nivel_SLA__c"] = "72 Horas" });
        await BreakOutboxAsync(h, provider);
        Assert.False(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND cleared_at IS NULL"));
        await RepairOutboxAsync(h, provider);
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var posts = h.Emulator.Feed(caseId).AsEnumerable().Reverse().Select(p => p["body"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Matches("(A pendência do caso 00001000 foi resolvida|Tudo certo com o caso 00001000)", posts[1]);
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND cleared_at IS NULL"));
    }

    [Fact]
    public async Task RunOnce_StoppedMidCycle_ExitsNonZero()
    {
        var state = Directory.CreateTempSubdirectory("sfbridge-once-").FullName;
        try
        {
            await using var emulator = await SalesforceEmulator.StartAsync();
            for (var i = 0; i < 500; i++)
            {
                emulator.Org.Insert("Case", new JsonObject { ["CaseNumber"] = i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), ["IsClosed"] = false });
            }

            emulator.Faults.Add(new Fault(FaultKind.Slow, "queryMore") { After = 1 });
            var command = new CommandLine(CommandLine.Run, true, new Dictionary<string, string>(),
            [
                $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal",
                "--Salesforce:QueryBatchSize=200", $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}",
                $"--State:ConnectionString=Data Source={Path.Combine(state, "state.db")}", "--Health:Url=",
            ]);
            using var host = SfBridgeApp.CreateHost(command);
            var outcome = host.Services.GetRequiredService<RunOutcome>();
            var run = host.RunAsync();
            await emulator.Faults.SlowRequestStarted;

            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // what SIGTERM does
            await run;

            Assert.Equal(RunOutcome.CycleFailed, outcome.ExitCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }
}
