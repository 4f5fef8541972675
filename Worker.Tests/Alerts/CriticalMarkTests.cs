using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Alerts;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// The critical mark (GSO-06): each case is written once, a case Salesforce refuses is reported with its error and
/// written again next run, and a run with nothing to mark neither calls Salesforce nor reports anything.
/// </summary>
public sealed class CriticalMarkTests
{
    [Fact]
    public async Task ACaseIsMarkedOnce_ARefusedOneIsReportedAndRetried_AndARunWithNothingToMarkIsSilent()
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });
        var s = new ServicePath(h);
        // Two GSO cases in the Ouvidoria category without the critical mark.
        var cases = Enumerable.Range(0, 2).Select(i => s.CriticalAtEps(Local(2, 8, 30 + i))).ToList();
        foreach (var job in new[] { SfBridge.Sync.Cycle.CaseSync, SfBridge.Sync.Cycle.OmniChannelSync, SfBridge.Sync.Cycle.SlaSweep })
        {
            Assert.True(await h.Cycle.RunJobAsync(job, default));
        }

        h.Emulator.Faults.FailRecord(cases[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Caso crítico exige justificativa", times: 1);
        var marker = h.Salesforce.Services.GetRequiredService<CriticalMarker>();

        Assert.Equal(1, await marker.RunAsync(default));
        Assert.True(h.Emulator.Org.Find(cases[0])!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.False(h.Emulator.Org.Find(cases[1])!["Caso_Critico__c"]!.GetValue<bool>());
        var refused = Assert.Single(h.Salesforce.Logs.WithEventName("CriticalMarkRefused"));
        Assert.Equal((cases[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION"), (refused.Properties["CaseId"].ToString().Trim('"'), refused.Properties["ErrorCode"].ToString().Trim('"')));
        var counts = Assert.Single(h.Salesforce.Logs.WithEventName("CriticalMarks"));
        Assert.Equal(("1", "1"), (counts.Properties["Marked"].ToString(), counts.Properties["Failed"].ToString()));

        // Next run, without a sync in between: only the refused case is written again.
        h.Emulator.Requests.Clear();
        Assert.Equal(1, await marker.RunAsync(default));
        Assert.True(h.Emulator.Org.Find(cases[1])!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.Equal(1, h.Emulator.Requests.Count("composite-sobjects"));
        Assert.Equal(2, await h.ScalarAsync("SELECT COUNT(*) FROM critical_marks"));

        // Nothing left to mark: no call, no line.
        h.Emulator.Requests.Clear();
        Assert.Equal(0, await marker.RunAsync(default));
        Assert.Equal(0, h.Emulator.Requests.Count("composite-sobjects"));
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("CriticalMarks").Count());
    }

    [Fact]
    public async Task ThePostThatACaseWasMarked_GoesOnlyOnceTheMarkIsSet()
    {
        // Reproduced with a validation rule on the mark: the post "O caso … é crítico e foi marcado pelo SfBridge" went out
        // in the same run as the refused mark, before it.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });
        var s = new ServicePath(h);
        var cases = Enumerable.Range(0, 2).Select(i => s.CriticalAtEps(Local(2, 8, 30 + i))).ToList();
        h.Emulator.Faults.FailRecord(cases[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Caso crítico exige justificativa", times: 1);
        // Told: the case's GSO-06 alert is sent, and a post on the case carries its reference.
        async Task<bool> Told(string id) =>
            (await h.Store.QueryAsync($"SELECT reference FROM alerts WHERE case_id = '{id}' AND rule_id = 'GSO-06' AND state = 'sent'", default)) is [var row] &&
            h.Emulator.Feed(id).Any(p => p["body"]!["text"]!.GetValue<string>().Contains((string)row[0]!, StringComparison.Ordinal));

        Assert.True(await h.Cycle.RunOnceAsync(default));
        var first = (await Told(cases[0]), await Told(cases[1]));
        var waiting = await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{cases[1]}' AND rule_id = 'GSO-06' AND state = 'pending'");
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the mark is accepted this time

        Assert.Equal((true, false), first); // the refused case is not said to be marked
        Assert.Equal(1, waiting); // its post waits for the mark
        Assert.True(h.Emulator.Org.Find(cases[1])!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.True(await Told(cases[1]));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{cases[0]}' AND rule_id = 'GSO-06'")); // told once
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ACaseMarkedWhileItsPostWaitedBehindTheCap_IsStillAnnounced_OneAPersonMarkedIsNot(string provider)
    {
        // Reproduced with more cases turning critical at once than the cap allows in a window: SfBridge marked them all,
        // posted the cap, and the next sync saw the marks, cleared the findings and withdrew the posts still waiting.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCycle"] = "1" }, provider);
        var s = new ServicePath(h);
        var cases = Enumerable.Range(0, 4).Select(i => s.CriticalAtEps(Local(2, 8, 30 + i))).ToList();
        // The last one's mark is refused until a person sets it by hand: SfBridge never marked it, so it never says it did.
        h.Emulator.Faults.FailRecord(cases[3], "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Caso crítico exige justificativa", times: 1_000);
        async Task<string> State(string id) =>
            (string)(await h.Store.QueryAsync($"SELECT state FROM alerts WHERE case_id = '{id}' AND rule_id = 'GSO-06'", default)).Single()[0]!;
        int Told(string id) => h.Emulator.Feed(id).Count(p => p["body"]!["text"]!.GetValue<string>().Contains("crítico", StringComparison.Ordinal));

        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Emulator.Org.Update(cases[3], new JsonObject { ["Caso_Critico__c"] = true });
        for (var run = 0; run < 4; run++)
        {
            h.Salesforce.Time.Advance(AlertDispatcher.BacklogWindow + TimeSpan.FromSeconds(5));
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }

        Assert.All(cases.Take(3), c => Assert.True(h.Emulator.Org.Find(c)!["Caso_Critico__c"]!.GetValue<bool>()));
        Assert.Equal(3, await h.ScalarAsync("SELECT COUNT(*) FROM critical_marks"));
        Assert.Equal(["sent", "sent", "sent", "withdrawn"], await Task.WhenAll(cases.Select(State)));
        Assert.Equal([1, 1, 1, 0], cases.Select(Told));
    }

    [Fact]
    public async Task AMarkAPersonTakesOff_IsSetAgain_WithoutASecondPost()
    {
        // Reproduced: once SfBridge had marked a case, it never marked it again; a person took the mark off an Ouvidoria
        // case and GSO-06 held again for as long as the case stayed open, the case unmarked.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });
        var s = new ServicePath(h);
        var id = s.CriticalAtEps(Local(2, 8, 30));
        bool Marked() => h.Emulator.Org.Find(id)!["Caso_Critico__c"]!.GetValue<bool>();
        async Task RunAfter(TimeSpan wait)
        {
            h.Salesforce.Time.Advance(wait);
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }

        await RunAfter(TimeSpan.Zero);
        await RunAfter(TimeSpan.FromMinutes(2)); // the sync reads the mark: the finding clears
        var first = (Marked(), await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-06' AND cleared_at IS NULL"));
        h.Emulator.Org.Update(id, new JsonObject { ["Caso_Critico__c"] = false });
        await RunAfter(TimeSpan.FromMinutes(2)); // read unmarked: the finding holds again, and the mark is set again
        var again = Marked();
        await RunAfter(TimeSpan.FromMinutes(2));

        Assert.Equal((true, 0), first);
        Assert.True(again);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-06' AND cleared_at IS NULL"));
        Assert.Equal(2, h.Emulator.Requests.Count("composite-sobjects")); // marked twice in all
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND rule_id = 'GSO-06'")); // said once
    }
}
