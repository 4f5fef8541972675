using SfBridge.Sync;
using System.Text.Json.Nodes;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Sync;

public sealed class SweepAndCycleTests
{
    [Fact]
    public async Task ASweepBeforeTheFirstCaseSync_OrBeforeTheUsersAreRead_Waits_AndTheSweepAfterThemJudgesEveryCase()
    {
        // Started together, the first sweep used to run beside the first sync of a new database and judge nothing, as the full sweep of the process.
        // Reproduced (in review) for the users: a sweep woken by the first case sync, before the org-data sync had read the users,
        // judged every case with any user id mentionable (an inactive one, a customer's portal user, the integration user).
        await using var h = await SyncHarness.StartAsync();
        h.Salesforce.SeedCases(40, (_, c) => c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" });

        var early = await h.Sweep.RunAsync(default);
        await h.CaseSync.RunAsync(default);
        var withoutUsers = await h.Sweep.RunAsync(default);
        await h.OmniSync.RunAsync(default);
        var after = await h.Sweep.RunAsync(default);

        Assert.Equal((0, 0, 0, 0), (early.Cases, early.Judged, withoutUsers.Cases, withoutUsers.Judged));
        Assert.Single(h.Salesforce.Logs.WithEventName("SweepWaitsForFirstSync"));
        Assert.Single(h.Salesforce.Logs.WithEventName("SweepWaitsForUsers"));
        Assert.Equal((40, 40), (after.Cases, after.Judged));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task UntouchedCase_CrossesItsSlaBetweenSweeps_AndIsReportedOnce_AtItsDueInstant(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "2 Horas";
        });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var queries = h.QueryCalls;
        Assert.Equal(SalesforceHarness.Start.AddMinutes(96), h.DueWatch.ArmedFor); // judged again when it warns (80% of 2 hours)

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(119));
        await h.DueWatch.WhenIdleAsync();
        var before = await h.Sweep.RunAsync(default);
        Assert.Equal(SalesforceHarness.Start.AddHours(2).AddMilliseconds(1), h.DueWatch.ArmedFor); // and just past its due instant
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(2)); // the wake-up fires on the way
        await h.DueWatch.WhenIdleAsync();
        var again = await h.Sweep.RunAsync(default);

        Assert.False(before.OpenedByKind.ContainsKey(FindingKind.SlaBreach)); // the breach is not there a minute early
        var row = Assert.Single(await h.Store.QueryAsync("SELECT kind, due_at FROM findings WHERE rule_id = 'PIT-01' AND kind = 'sla-breach'", default));
        Assert.Equal(("sla-breach", SalesforceHarness.Start.AddHours(2)), ((string)row[0]!, DateTimeOffset.Parse((string)row[1]!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0, again.Opened); // one alert per breach instance
        Assert.Equal(2, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE rule_id = 'PIT-01' AND state = 'sent'")); // the warning and the breach
        // Sweeps and wake-ups read the state store; the warning and the breach each arose after the last case sync, so
        // before each was alerted its case was read again by id: one query each, and none for the sweeps in between.
        Assert.Equal(queries + 2, h.QueryCalls);
        Assert.Equal((0, 0), (before.ReadAgain, again.ReadAgain));
    }

    /// <summary>A Pit Stop case of the IS tier (30 minutes) opened at 08:50: it warns at 09:14 and breaches at 09:20.</summary>
    private static async Task<(SyncHarness H, string Id)> PitStopDueAtTwentyPastAsync(string provider)
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        var id = new ServicePath(h).Case("PitStop", ServicePath.Local(2, 8, 50), c => { c["OwnerId"] = ServicePath.User(14); c["Nivel_SLA__c"] = "IS"; });
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00: the last case sync of these tests
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 14) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync(); // the warning
        return (h, id);
    }

    private static bool IsBreachPost(JsonNode? post) =>
        post!["body"]!["text"]!.GetValue<string>() is var text && (text.Contains("passou do prazo", StringComparison.Ordinal) || text.Contains("O prazo era", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ACaseClosedAfterTheLastSync_IsReadAgainAtItsDueInstant_AndNotAccused(string provider)
    {
        // The stored case is as Salesforce held it at 09:00; the agent solved it at 09:19, before the next sync. Judged
        // on the stored case, the wake-up at 09:20 posted a breach of a case closed in time.
        var (h, id) = await PitStopDueAtTwentyPastAsync(provider);
        await using var _ = h;
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 19) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = ServicePath.Rest(ServicePath.Local(2, 9, 19)) });
        var queries = h.QueryCalls;

        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 20).AddMilliseconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.DoesNotContain(h.Emulator.Feed(id), IsBreachPost);
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND kind = 'sla-breach'"));
        Assert.Equal(queries + 1, h.QueryCalls); // the case by id, with its children
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases")); // given its closing judgement, it left
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("ReadAgain").Count(e => e.Properties["Cases"].ToString() == "1")); // at the warning, and now
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'case-sync'")); // no polling step in between
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task PRO01_FieldsFilledAfterTheLastSync_AreNotAskedForAtTheHalfHour(string provider)
    {
        // Reproduced (in review): PRO-01 arises by time alone, half an hour after the protocol opened, yet its finding gave no
        // instant it arose at, so the wake-up at 09:20 posted it from the case stored at 09:00, asking for "Aguardando" and
        // "Retorno" that the agent had filled at 09:19.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        var id = ServicePathTests.Protocol(new ServicePath(h), ServicePath.Local(2, 8, 50), c => { c["Aguardando__c"] = null; c["Retorno__c"] = null; });
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00: the last case sync of this test

        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 19) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(id, new JsonObject { ["Aguardando__c"] = "Cliente", ["Retorno__c"] = "03/03/2026" });
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 20).AddSeconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.True(h.Emulator.Feed(id).Count == 0, string.Join(" | ", h.Emulator.Feed(id).Select(p => p!["body"]!["text"]!.GetValue<string>())));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PRO-01' AND cleared_at IS NULL"));
        Assert.Single(h.Salesforce.Logs.WithEventName("ReadAgain")); // judged on the case as Salesforce holds it now
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task PIT03_ACaseAnAgentTookAfterTheLastSync_IsNotAccusedAtItsDueInstant_ThoughTheStoredRoutingStillWaits(string provider)
    {
        // Work waiting in the Pit Stop queue since 08:55 breaches PIT-03 at 09:05. An agent accepted it at 09:03: Omni-Channel
        // gave the case to the agent and deleted its pending routing, after the last Omni-Channel sync. The case read again at
        // 09:05 shows the agent as owner, but the stored routing still waited: the wake-up posted "nobody took it".
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        var s = new ServicePath(h);
        var id = s.Case("PitStop", ServicePath.Local(2, 8, 55), c => c["OwnerId"] = ServicePath.Queues.N1Filiais);
        var routing = h.Emulator.Org.Insert("PendingServiceRouting", new JsonObject
        {
            ["WorkItemId"] = id, ["GroupId"] = ServicePath.Queues.N1Filiais, ["QueueId"] = ServicePath.Queues.N1Filiais, ["IsPushed"] = false,
            ["CreatedDate"] = ServicePath.Rest(ServicePath.Local(2, 8, 55)),
        });
        s.Presence(ServicePath.User(14), "0N5SB00000000030AA", ServicePath.Local(2, 8), away: true);
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00: the last syncs of this test

        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 3) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(id, new JsonObject { ["OwnerId"] = ServicePath.User(14) });
        h.Emulator.Org.Delete(routing);
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 5).AddSeconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.True(h.Emulator.Feed(id).Count == 0, string.Join(" | ", h.Emulator.Feed(id).Select(p => p!["body"]!["text"]!.GetValue<string>())));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-03' AND cleared_at IS NULL"));
        Assert.Single(h.Salesforce.Logs.WithEventName("ReadAgain")); // judged on the case as Salesforce holds it now

        // Had nobody taken it, the same wake-up accuses (the rule still fires on a routing whose queue owns the case).
        await using var control = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        var c2 = new ServicePath(control);
        var waiting = c2.Case("PitStop", ServicePath.Local(2, 8, 55), c => c["OwnerId"] = ServicePath.Queues.N1Filiais);
        c2.Pending(waiting, ServicePath.Queues.N1Filiais, ServicePath.Local(2, 8, 55)).Presence(ServicePath.User(14), "0N5SB00000000030AA", ServicePath.Local(2, 8), away: true);
        Assert.True(await control.Cycle.RunOnceAsync(default));
        control.Salesforce.Time.Advance(ServicePath.Local(2, 9, 5).AddSeconds(1) - control.Salesforce.Time.GetUtcNow());
        await control.DueWatch.WhenIdleAsync();
        Assert.Single(control.Emulator.Feed(waiting));
    }

    [Fact]
    public async Task GSO04_AfterARestart_TheCaseSyncFirst_ACaseAcceptedWhileStopped_IsNotAccusedOnTheRoutingStoredBefore()
    {
        // Reproduced (in review): routed to GSO at 08:30 (Omni-Channel, the case staying with Supervisor EPS), due at 09:30;
        // the worker stopped at 09:05 and GSO accepted at 09:10. Restarted at 10:00, the case sync finished first and woke the
        // sweep: the breach arose before that sync started, so the case was not read again, and the routing row stored
        // before the stop said it still waited: "aguardando aceite no Omni-Channel na fila GSO desde 08:30" was posted.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly });
        var s = new ServicePath(h);
        var id = s.Case("GSO", ServicePath.Local(2, 8), c => { c["OwnerId"] = ServicePath.User(1); c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        s.Pending(id, ServicePath.Queues.Gso, ServicePath.Local(2, 8, 30));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00, the last cycle before the stop
        await h.DueWatch.WhenIdleAsync();
        h.DueWatch.Arm(null); // stopped: no wake-up at the 09:30 deadline
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 10) - h.Salesforce.Time.GetUtcNow());
        s.Accepted(id, ServicePath.Queues.Gso, ServicePath.User(2), ServicePath.Local(2, 8, 30), ServicePath.Local(2, 9, 10));

        h.Salesforce.Time.Advance(ServicePath.Local(2, 10) - h.Salesforce.Time.GetUtcNow()); // started again
        Assert.True(await h.Cycle.RunJobAsync(Cycle.CaseSync, default));
        Assert.True(await h.Cycle.RunJobAsync(Cycle.SlaSweep, default));
        Assert.True(await h.Cycle.RunJobAsync(Cycle.AlertDispatch, default));

        Assert.DoesNotContain(h.Emulator.Feed(id), p => p!["body"]!["text"]!.GetValue<string>().Contains("aguardando aceite", StringComparison.Ordinal));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'GSO-04' AND cleared_at IS NULL"));
        Assert.Single(h.Salesforce.Logs.WithEventName("ReadAgain")); // judged on the case and its routing as Salesforce holds them now
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task APitStopCaseReopened_OwesNothingForTheTimeItWasClosed_AndBreachesWhenTheRestOfItsTierIsUsed(string provider)
    {
        // IS tier, 30 minutes: opened at 08:00, closed at 08:10, reopened at 08:50 (the customer wrote again). Ten minutes
        // before the closure and ten after the reopening are used at 09:00: it breaches at 09:10, not at the first sync.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        var s = new ServicePath(h);
        var id = s.Case("PitStop", ServicePath.Local(2, 8), c => { c["OwnerId"] = ServicePath.User(14); c["Nivel_SLA__c"] = "IS"; });
        s.FieldChange(id, "Status", "Em Atendimento", "Fechado", ServicePath.Local(2, 8, 10), ServicePath.User(14))
            .FieldChange(id, "Status", "Fechado", "Em Atendimento", ServicePath.Local(2, 8, 50), ServicePath.User(14));

        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00
        var atFirstSync = h.Emulator.Feed(id).Count;
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 10).AddSeconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal(0, atFirstSync);
        Assert.Contains("fora do prazo desde 02/03/2026 09:10", Assert.Single(h.Emulator.Feed(id))!["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var due = await h.Store.QueryAsync("SELECT due_at FROM findings WHERE rule_id = 'PIT-01' AND kind = 'sla-breach'", default);
        Assert.Equal(ServicePath.Local(2, 9, 10), DateTimeOffset.Parse((string)Assert.Single(due)[0]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CasesToReadAgain_FromEveryBatchOfASweep_AreReadInOneQuery()
    {
        // Twelve cases due at 09:20 judged in batches of five: read again per batch, they cost a query each (three).
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly },
            new Dictionary<string, string?> { ["Sync:SweepBatch"] = "5" });
        var s = new ServicePath(h);
        var ids = Enumerable.Range(0, 12).Select(_ => s.Case("PitStop", ServicePath.Local(2, 8, 50), c => { c["OwnerId"] = ServicePath.User(14); c["Nivel_SLA__c"] = "IS"; })).ToList();
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 14) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        var queries = h.QueryCalls;

        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 20).AddMilliseconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal(queries + 1, h.QueryCalls);
        Assert.All(ids, id => Assert.Contains(h.Emulator.Feed(id), IsBreachPost));
        Assert.Equal(12, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND kind = 'sla-breach'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task WhenTheCaseCannotBeReadAgain_ItsBreachWaits_AndIsPostedOnceItIsRead(string provider)
    {
        var (h, id) = await PitStopDueAtTwentyPastAsync(provider);
        await using var _ = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.MalformedJson, "queryAll", Times: 2)); // read twice, malformed twice

        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 20).AddMilliseconds(1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.DoesNotContain(h.Emulator.Feed(id), IsBreachPost); // not on a case it could not read again
        var line = Assert.Single(h.Salesforce.Logs.WithEventName("NotReadAgain"));
        Assert.Null(line.Exception); // one line, an expected failure: no stack trace
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));

        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(30));
        var later = await h.Sweep.RunAsync(default); // the next periodic sweep: still before any case sync
        await h.Dispatcher.RunAsync(default);

        Assert.Equal((1, 1), (later.ReadAgain, later.OpenedByKind.GetValueOrDefault(FindingKind.SlaBreach)));
        Assert.Single(h.Emulator.Feed(id), IsBreachPost);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task BreachThatNoLongerHolds_IsClearedInTheLedger(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var id = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["OwnerId"] = null;
            c["Nivel_SLA__c"] = "IS";
        })[0];
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.DueWatch.WhenIdleAsync();
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND cleared_at IS NULL"));
        h.Emulator.Org.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = SalesforceDateTime.FormatRest(h.Salesforce.Time.GetUtcNow()) });

        await h.CaseSync.RunAsync(default);
        var cleared = await h.Sweep.RunAsync(default); // the closing judgement: PIT-01 is not a closing rule

        Assert.Contains(cleared.ClearedKeys, k => k.StartsWith("PIT-01|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABreachIsPostedAtItsDueInstant_WithNoPollingStepInBetween()
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly });
        var s = new ServicePath(h);
        var id = s.Case("PitStop", ServicePath.Local(2, 8, 50), c => { c["OwnerId"] = ServicePath.User(14); c["Nivel_SLA__c"] = "IS"; }); // due 09:20
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00, the one periodic cycle of this test
        var due = ServicePath.Local(2, 9, 20);
        Assert.Equal(ServicePath.Local(2, 9, 14), h.DueWatch.ArmedFor); // first the warning, at 80% of the 30 minutes
        h.Salesforce.Time.Advance(ServicePath.Local(2, 9, 14) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.Equal(due.AddMilliseconds(1), h.DueWatch.ArmedFor);

        h.Salesforce.Time.Advance(due.AddMilliseconds(1) - h.Salesforce.Time.GetUtcNow()); // the clock reaches the instant, nothing else runs
        await h.DueWatch.WhenIdleAsync();

        var post = Assert.Single(h.Emulator.Feed(id), p => p["body"]!["text"]!.GetValue<string>().Contains("passou do prazo", StringComparison.Ordinal) ||
                                                        p["body"]!["text"]!.GetValue<string>().Contains("O prazo era", StringComparison.Ordinal));
        Assert.Equal(due.AddMilliseconds(1).UtcDateTime, DateTimeOffset.Parse(post["createdDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'case-sync'")); // no polling step in between
    }

    [Fact]
    public async Task ASweepJudgesOnlyCasesThatChangedOrCameDue_AndEveryCaseWhenPeopleChange()
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly });
        var ids = h.Salesforce.SeedCases(40, (i, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "72 Horas";
            c["OwnerId"] = ServicePath.User(14);
            c["CreatedDate"] = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddMinutes(-i));
        });
        h.Salesforce.SeedCases(1, (_, c) => { c["CaseNumber"] = "00009999"; c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" }; c["OwnerId"] = ServicePath.User(2); });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(41, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var quiet = await h.Sweep.RunAsync(default);
        h.Emulator.Org.Update(ids[3], new JsonObject { ["Status"] = "Em Atendimento" });
        await h.CaseSync.RunAsync(default);
        var oneChanged = await h.Sweep.RunAsync(default);
        h.Emulator.Org.Update(ids[5], new JsonObject { ["OwnerId"] = ServicePath.User(2) });
        await h.CaseSync.RunAsync(default);
        var ownerChanged = await h.Sweep.RunAsync(default);
        h.Emulator.Org.Update(ServicePath.User(5), new JsonObject { ["IsActive"] = false });
        await h.OmniSync.RunAsync(default);
        var peopleChanged = await h.Sweep.RunAsync(default);

        Assert.Equal(0, quiet.Judged);
        Assert.Equal(1, oneChanged.Judged); // its owner's backlog is the same: the other cases' verdicts cannot change
        Assert.Equal(41, ownerChanged.Judged); // the moved case and every other case of both owners (a backlog counts them all)
        Assert.Equal(41, peopleChanged.Judged);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ARestart_KeepsTheStoredVerdicts_UnlessTheMappingsChanged_ThenJudgesEveryCaseUnderTheNewOnes(string provider)
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        h.Salesforce.SeedCases(40, (i, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "72 Horas";
            c["OwnerId"] = ServicePath.User(14);
            c["CreatedDate"] = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddMinutes(-i));
        });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        const string Pit01 = "SELECT COUNT(*) FROM findings WHERE rule_id = 'PIT-01' AND kind = 'sla-breach' AND cleared_at IS NULL";
        Assert.Equal(0, await h.ScalarAsync(Pit01));

        // The same mappings and build: the verdicts stored by the last process stand; nothing changed or came due.
        await h.Salesforce.RestartAsync();
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var same = await h.Sweep.RunAsync(default);

        // A tier's target shortened in sla_tiers.csv: no case changed in Salesforce, yet every verdict may have.
        await h.Salesforce.RestartAsync(new Dictionary<string, string?> { ["Mappings:Path"] = MappingsCopy.With("sla_tiers.csv", t => t.Replace("72 Horas,72h,", "72 Horas,30m,", StringComparison.Ordinal)) });
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var changed = await h.Sweep.RunAsync(default);
        var breached = await h.ScalarAsync(Pit01);

        await h.Salesforce.RestartAsync(); // at the same instant: no case came due in between
        var again = await h.Sweep.RunAsync(default);

        Assert.Equal((40, 0), (same.Cases, same.Judged));
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("SweepKeepsVerdicts").Count());
        Assert.Equal(40, changed.Judged);
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("SweepJudgesEveryCase").Count()); // the first sweep on the database, and this one
        Assert.True(breached >= 10, $"PIT-01 findings under the 30-minute target: {breached}"); // the cases opened 30 minutes or more ago
        Assert.Equal(0, again.Judged);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ASweepInBatchesOfThree_LeavesTheLedgerOutboxAndClocksAsOneBatchDoes(string provider)
    {
        // Two owners share the cases (a backlog counts across batches); one case closes, another is deleted, some breach.
        async Task<(List<string> State, int Batches)> RunAsync(string batch)
        {
            await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly },
                new Dictionary<string, string?> { ["Sync:SweepBatch"] = batch }, provider);
            var ids = h.Salesforce.SeedCases(10, (i, c) =>
            {
                c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
                c["Nivel_SLA__c"] = i % 2 == 0 ? "IS" : "2 Horas";
                c["OwnerId"] = ServicePath.User(i % 3 == 0 ? 14 : 2);
                c["CreatedDate"] = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddMinutes(-7 * i));
            });
            var first = await FullCycleAsync(h);
            h.Emulator.Org.Update(ids[4], new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = SalesforceDateTime.FormatRest(h.Salesforce.Time.GetUtcNow()) });
            h.Emulator.Org.Delete(ids[7]);
            h.Salesforce.Time.Advance(TimeSpan.FromMinutes(40));
            await h.DueWatch.WhenIdleAsync();
            await h.CaseSync.RunAsync(default);
            await h.Sweep.RunAsync(default);
            await h.Sweep.RunAsync(default); // the closed case's findings leave with it

            var state = new List<string>();
            foreach (var sql in new[]
            {
                "SELECT breach_key, kind, due_at, cleared_at FROM findings ORDER BY breach_key",
                "SELECT reference, purpose, state, level FROM alerts ORDER BY reference",
                "SELECT id, next_at, dirty, open_pack, judged_owner FROM tracked_cases ORDER BY id",
            })
            {
                state.AddRange((await h.Store.QueryAsync(sql, default)).Select(r => string.Join(" | ", r)));
            }

            return (state, first);
        }

        var (oneBatch, one) = await RunAsync("2000");
        var (batchesOfThree, three) = await RunAsync("3");

        Assert.Equal((1, 4), (one, three)); // ten cases: one batch, or four of at most three
        Assert.Contains(oneBatch, line => line.Contains("|sla-breach|", StringComparison.Ordinal) || line.Contains("| sla-breach |", StringComparison.Ordinal));
        Assert.Equal(oneBatch, batchesOfThree);
    }

    /// <summary>The first cycle's full sweep, run by hand after the syncs: its batches.</summary>
    private static async Task<int> FullCycleAsync(SyncHarness h)
    {
        await h.CaseSync.RunAsync(default);
        await h.OmniSync.RunAsync(default);
        return (await h.Sweep.RunAsync(default)).Batches;
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task OmniChannelSync_AUserNameWithAnEscapedHalfSurrogate_IsStoredAsSalesforceSentIt(string provider)
    {
        // Valid JSON that is no text: writing it from its tree throws; the sync stores the bytes and goes on.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        h.Salesforce.SeedCases(2);
        var user = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Ana MARCA Souza", ["IsActive"] = true, ["UserType"] = "Standard" });
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query", Times: 20) { Edit = body => body.Replace("MARCA", "\\ud800", StringComparison.Ordinal) });

        await h.OmniSync.RunAsync(default);

        var stored = await h.Store.QueryAsync($"SELECT record FROM org_records WHERE object = 'User' AND id = '{user}'", default);
        Assert.Contains("Ana \\ud800 Souza", (string)Assert.Single(stored)[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OmniChannelSync_CostsTheSameFewCallsForTenOrThousandsOfCases()
    {
        await using var small = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg });
        await using var large = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg });
        large.Salesforce.SeedCases(3_000, (i, c) => c["AccountId"] = "001SB0000000001YAA");
        await small.CaseSync.RunAsync(default);
        await large.CaseSync.RunAsync(default);
        small.Emulator.Requests.Clear();
        large.Emulator.Requests.Clear();

        await small.OmniSync.RunAsync(default);
        await large.OmniSync.RunAsync(default);

        Assert.Equal(9, small.Emulator.Requests.ApiCalls); // 8 objects + 1 account query
        Assert.Equal(9, large.Emulator.Requests.ApiCalls);
        Assert.Equal(2, (await large.Store.LoadOrgRecordsAsync("PendingServiceRouting", default)).Count);
    }

    [Fact]
    public async Task Cycle_SalesforceOutOfApiCalls_FailsTheRunAndRecordsIt()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "query"));

        var ok = await h.Cycle.RunOnceAsync(default);

        Assert.False(ok);
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'case-sync' AND ok = 0 AND detail = 'REQUEST_LIMIT_EXCEEDED'"));
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'sla-sweep' AND ok = 1")); // one failed job does not stop the others
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task JobBoundary_StateDatabaseFailing_ReportsTheRunFailedInsteadOfThrowing(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        await h.Store.QueryAsync("DROP TABLE runs", default); // recording the run will fail in this engine's own way

        var ok = await h.Cycle.RunJobAsync(Cycle.OmniChannelSync, default);

        Assert.False(ok);
        Assert.Contains(h.Salesforce.Logs.WithEventName("JobFailed"), e => e.Properties["ErrorCode"].ToString() == "\"STATE_UNAVAILABLE\"");
    }
}

