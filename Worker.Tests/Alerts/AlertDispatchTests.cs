using System.Text.Json.Nodes;
using SfBridge.Alerts;
using SfBridge.Salesforce;
using SfBridge.State;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

public sealed class AlertDispatchTests
{
    private static Task<(SyncHarness H, List<string> Cases, string Owner)> BreachingAsync(int cases, IDictionary<string, string?>? settings = null, string provider = "sqlite") =>
        Dispatch.BreachingAsync(cases, settings, provider);

    private static AlertDispatcher Dispatcher(SyncHarness h, IAlertStore store, AlertsOptions? options = null) => Dispatch.Dispatcher(h, store, options);

    private static int Posts(SyncHarness h, IEnumerable<string> cases) => cases.Sum(c => h.Emulator.Feed(c).Count);

    /// <summary>A pending PIT-01 breach alert on a case, named by <paramref name="tag"/>, queued and due at the instants given.</summary>
    private static Alert Queued(string caseId, string tag, DateTimeOffset queued, DateTimeOffset due) =>
        new(Alert.ReferenceFor($"PIT-01|{caseId}|{tag}", 0), $"PIT-01|{caseId}|{tag}", caseId, "PIT-01", 0, 1, AlertPurpose.Breach, AlertState.Pending,
            $"Alerta {tag}", [], null, 0, queued, null) { DueAt = due };

    [Fact]
    public async Task SampleOrg_EndToEnd_PostsEachFindingOnceWithItsMentions_AndMarksCriticalCases()
    {
        await using var gar = await Emulators.Gar.GarEmulator.StartAsync();
        foreach (var order in JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures.RepoPaths.SampleOrg, "Gar.json")))!.AsArray())
        {
            gar.Add(order!["orderNumber"]!.GetValue<string>(), order["status"]!.GetValue<string>(), order["validatedAt"]?.GetValue<string>(), order["updatedAt"]!.GetValue<string>());
        }

        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCycle"] = "500", ["Alerts:MaxPostsPerCase"] = "20", ["Gar:BaseUrl"] = gar.BaseUrl });
        h.Salesforce.Time.Advance(new DateTimeOffset(2026, 3, 3, 17, 0, 0, TimeSpan.Zero) - h.Salesforce.Time.GetUtcNow());

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var open = (await h.Store.QueryAsync("SELECT breach_key, case_id, mentions, detail FROM findings", default)).ToList();
        var feeds = open.Select(r => (string)r[1]!).Distinct().ToDictionary(id => id, id => h.Emulator.Feed(id));
        Assert.All(feeds.Values, feed => Assert.Single(feed)); // one post per case, however many findings it has
        Assert.True(open.Count > feeds.Count, $"{open.Count} findings on {feeds.Count} cases");
        foreach (var row in open)
        {
            var reference = Alert.ReferenceFor((string)row[0]!, 0);
            var post = Assert.Single(feeds[(string)row[1]!], p => p["body"]!["text"]!.GetValue<string>().Contains($"[{reference}]", StringComparison.Ordinal));
            var mentioned = post["body"]!["messageSegments"]!.AsArray().Where(s => s!["type"]!.GetValue<string>() == "Mention").Select(s => s!["record"]!["id"]!.GetValue<string>());
            Assert.Subset(mentioned.ToHashSet(), System.Text.Json.JsonSerializer.Deserialize<List<string>>((string)row[2]!)!.ToHashSet());
            Assert.Contains((string)row[3]!, post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.True(h.Emulator.Org.Find("500SB0000001002YAA")!["Caso_Critico__c"]!.GetValue<bool>()); // GSO-06: Ouvidoria
        // BIL-03: an incident of 23:00 still untouched at 14:00, told when the team is at work: the matrix's business-hours
        // contact (Tatiane Reis), not Rodrigo Calil, the after-hours one.
        var bil03 = Assert.Single(h.Emulator.Feed("500SB0000005003YAA")!)["body"]!["messageSegments"]!.AsArray()
            .Select(s => s!["record"]?["id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Contains("005SB0000000012YAA", bil03);
        Assert.DoesNotContain("005SB0000000011YAA", bil03);
        Assert.Equal(1, h.Emulator.Requests.Count("composite-sobjects"));
        Assert.Equal(3, open.Count(r => ((string)r[0]!).StartsWith("GSO-05|", StringComparison.Ordinal)));
        Assert.Contains(h.Emulator.Feed("500SB0000001005YAA"), p => p["body"]!["text"]!.GetValue<string>().Contains("já está EMITIDO no GAR", StringComparison.Ordinal)); // still with EPS: a warning
        Assert.Contains(h.Emulator.Feed("500SB0000001006YAA"), p => p["body"]!["text"]!.GetValue<string>().Contains("escalar ao GSO só a partir de", StringComparison.Ordinal));
        Assert.Contains(h.Emulator.Feed("500SB0000001007YAA"), p => p["body"]!["text"]!.GetValue<string>().Contains("escalonamento indevido", StringComparison.Ordinal));

        h.Emulator.Requests.Clear();
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(feeds.Count, feeds.Keys.Sum(id => h.Emulator.Feed(id).Count)); // nothing posted twice
        Assert.Equal(0, h.Emulator.Requests.Count("composite-sobjects")); // a marked case is not written again
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task KilledAfterSalesforceAcceptedTheBatch_RestartAdoptsThePostsInsteadOfDuplicating(string provider)
    {
        var (h, cases, _) = await BreachingAsync(4, provider: provider);
        await using var _h = h;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(h, new InterruptedAlertStore(h.Store)).RunAsync(default));
        Assert.Equal(4, Posts(h, cases)); // Salesforce has the posts; the outbox does not know
        var report = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal(4, report.Adopted);
        Assert.Equal(0, report.Posted);
        Assert.Equal(4, Posts(h, cases));
        Assert.Equal(4, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state = 'sent' AND feed_element_id IS NOT NULL"));
    }

    [Fact]
    public async Task KilledAfterASinglePostWasAccepted_RestartAdoptsIt()
    {
        var (h, cases, _) = await BreachingAsync(1);
        await using var _h = h;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(h, new InterruptedAlertStore(h.Store)).RunAsync(default));
        var report = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal(1, report.Adopted);
        Assert.Equal(1, Posts(h, cases));
        Assert.Equal(1, h.Emulator.Requests.Count("chatter-post"));
    }

    [Fact]
    public async Task BatchCallAnswered503_NothingPosted_NextRunPostsEachOnce()
    {
        var (h, cases, _) = await BreachingAsync(3);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "chatter-batch"));

        var first = await Dispatcher(h, h.Store).RunAsync(default);
        var waiting = await Dispatcher(h, h.Store).RunAsync(default); // Salesforce may still be completing them
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(3)); // past Alerts:RepostGrace
        var queries = h.Emulator.Requests.Count("query");
        var second = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal(3, first.Unknown);
        Assert.Equal((0, 3), (waiting.Posted, waiting.Unknown));
        Assert.Equal(3, second.Posted);
        Assert.Equal(3, Posts(h, cases));
        Assert.Equal(1, h.Emulator.Requests.Count("query") - queries); // one FeedItem query looked up every case before re-posting
    }

    /// <summary>
    /// A GSO case escalated in the morning and missing what <paramref name="shape"/> empties, judged at 17:58, two minutes before
    /// GSO's close, its GSO-02 post answered by <paramref name="fault"/>.
    /// </summary>
    private static async Task<(SyncHarness H, string Case)> PostedAtTheCloseAsync(string provider, Action<JsonObject> shape, Fault fault)
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly }, provider: provider);
        h.Salesforce.Time.Advance(ServicePath.Local(2, 17, 58) - h.Salesforce.Time.GetUtcNow());
        var id = ServicePathTests.Gso(new ServicePath(h), shape);
        h.Emulator.Faults.Add(fault); // on the batch that carries the case's post and the morning summary
        Assert.True(await h.Cycle.RunOnceAsync(default));
        return (h, id);
    }

    /// <summary>One full cycle at a local instant of March 2026.</summary>
    private static async Task CycleAtAsync(SyncHarness h, DateTimeOffset local)
    {
        h.Salesforce.Time.Advance(local - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));
    }

    /// <summary>The reference of GSO-02's breach alert.</summary>
    private static async Task<string> BreachReferenceAsync(SyncHarness h) =>
        (string)(await h.Store.QueryAsync("SELECT reference FROM alerts WHERE rule_id = 'GSO-02' AND purpose = 'breach'", default)).Single()[0]!;

    /// <summary>Whether a post of a case's feed holds the text.</summary>
    private static bool Carries(JsonNode? post, string text) => post!["body"]!["text"]!.GetValue<string>().Contains(text, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task APostNeverMade_HeldPastTheClose_GoesOutInTheMorningAsItsCaseThenStands(string provider)
    {
        // Reproduced (in review): GSO-02's post at 17:58 was answered 503 and not made; looked up past the grace at 18:01, GSO's
        // team had closed, and the alert stayed "sending" all night, which the sweep never rewrites: at 08:00 it asked for the
        // order number filled at 19:00.
        var (h, id) = await PostedAtTheCloseAsync(provider, c => { c["Numero_Pedido__c"] = null; c["Telefone_Cliente__c"] = null; },
            new Fault(FaultKind.ServiceUnavailable, "chatter-batch"));
        await using var _h = h;
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE rule_id = 'GSO-02' AND state = 'sending'"));

        await CycleAtAsync(h, ServicePath.Local(2, 18, 1)); // past the grace, after GSO's close
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE rule_id = 'GSO-02' AND state = 'pending'"));

        h.Salesforce.Time.Advance(ServicePath.Local(2, 19) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(id, new JsonObject { ["Numero_Pedido__c"] = "48100221" });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        await CycleAtAsync(h, ServicePath.Local(3, 8, 1));

        var detail = (string)(await h.Store.QueryAsync("SELECT detail FROM findings WHERE rule_id = 'GSO-02' AND cleared_at IS NULL", default)).Single()[0]!;
        var post = Assert.Single(h.Emulator.Feed(id), p => Carries(p, "campos do caso a preencher"));
        Assert.True(Carries(post, detail));
        Assert.DoesNotContain("pedido", detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task APostCompletedLate_AfterItWasHeldPastTheClose_IsFoundInTheMorning_NotPostedAgain(string provider)
    {
        // The post of 17:58 was answered 503 and not found at 18:01, past the grace and after GSO's close: held for the morning.
        // Salesforce completed it at 18:30 after all; looked up again when it can go out, it is found and adopted, not posted twice.
        var (h, id) = await PostedAtTheCloseAsync(provider, c => c["Numero_Pedido__c"] = null,
            new Fault(FaultKind.LateCompletion, "chatter-batch") { Delay = TimeSpan.FromMinutes(32) });
        await using var _h = h;
        await CycleAtAsync(h, ServicePath.Local(2, 18, 1));
        Assert.Empty(h.Emulator.Feed(id));

        h.Emulator.Requests.Clear();
        await CycleAtAsync(h, ServicePath.Local(2, 19));
        Assert.Equal(0, h.FeedItemQueries); // held for the morning, it is not looked up at every run of the night: each lookup is a query
        await CycleAtAsync(h, ServicePath.Local(3, 8, 1));

        // The breach's post is in the feed once (the morning's post is its reminder, under another reference).
        var breach = await BreachReferenceAsync(h);
        Assert.Single(h.Emulator.Feed(id), p => Carries(p, $"[{breach}]"));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE rule_id = 'GSO-02' AND state <> 'sent'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task APostCompletedLate_WhoseFindingClearedWhileItWasHeld_IsFoundAndAdopted_NotWrittenOffAsNeverMade(string provider)
    {
        // Reproduced (in review): held for the morning after its lookup, a post Salesforce completed at 18:30 was written off as never
        // made once its finding cleared at 19:00, without a lookup: the breach counted as untold though the post stands in Chatter.
        var (h, id) = await PostedAtTheCloseAsync(provider, c => c["Numero_Pedido__c"] = null,
            new Fault(FaultKind.LateCompletion, "chatter-batch") { Delay = TimeSpan.FromMinutes(32) });
        await using var _h = h;
        await CycleAtAsync(h, ServicePath.Local(2, 18, 1));

        h.Salesforce.Time.Advance(ServicePath.Local(2, 19) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(id, new JsonObject { ["Numero_Pedido__c"] = "48100221" });
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var breach = await BreachReferenceAsync(h);
        Assert.Single(h.Emulator.Feed(id), p => Carries(p, $"[{breach}]"));
        Assert.Equal("sent", (string)(await h.Store.QueryAsync($"SELECT state FROM alerts WHERE reference = '{breach}'", default)).Single()[0]!);
    }

    [Fact]
    public async Task APostNeverMade_WhoseFindingClearedBeforeTheRetry_LeavesTheBreachUntold()
    {
        // Reproduced: the post's call failed (503), its finding cleared before the retry, and the lookup past the grace found no
        // post: withdrawn, it still counted as told, and the breach, back under the same key, was never posted nor reminded.
        var (h, cases, _) = await BreachingAsync(1);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "chatter-post"));
        Assert.Equal(1, (await Dispatcher(h, h.Store).RunAsync(default)).Unknown);
        await h.Store.QueryAsync($"UPDATE findings SET cleared_at = '{h.Salesforce.Time.GetUtcNow().UtcDateTime:O}'", default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(3)); // past Alerts:RepostGrace

        var report = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal((0, 1), (report.Posted, report.Withdrawn));
        Assert.Empty(h.Emulator.Feed(cases[0]));
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state <> 'withdrawn' OR sending_since IS NOT NULL")); // nothing told
    }

    [Fact]
    public async Task APostStoppedByTheApiFloor_WasNotMade_AndGoesBackToTheQueue()
    {
        // Reproduced: SfBridge's own pause at the API floor is thrown before the request is sent, and the post was left "sending",
        // its outcome unknown; had its finding cleared meanwhile, the breach counted as told though nobody had been.
        var (h, cases, _) = await BreachingAsync(1, new Dictionary<string, string?> { ["Salesforce:ApiCallFloor"] = "100", ["Salesforce:ApiFloorPause"] = "00:15:00" });
        await using var _h = h;
        h.Emulator.ApiUsed = 100_000 - 99; // the next answer leaves fewer calls than the floor

        await Assert.ThrowsAsync<ApiBudgetPausedException>(() => Dispatcher(h, h.Store).RunAsync(default));

        Assert.Empty(h.Emulator.Feed(cases[0]));
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state = 'pending' AND sending_since IS NULL"));
    }

    [Fact]
    public async Task BatchCarriedOutButResponseLost_NextRunFindsThePostsAndDoesNotRepost()
    {
        var (h, cases, _) = await BreachingAsync(3);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.ResponseLost, "chatter-batch"));

        var first = await Dispatcher(h, h.Store).RunAsync(default);
        var second = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal(3, first.Unknown);
        Assert.Equal(3, second.Adopted);
        Assert.Equal(3, Posts(h, cases));
        Assert.Equal(1, h.Emulator.Requests.Count("chatter-batch"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task PartialBatchFailure_RefusedPostIsRetriedAfterItsBackoff_OthersAreNotRepeated(string provider)
    {
        var (h, cases, _) = await BreachingAsync(3, provider: provider);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(cases[1], "INSUFFICIENT_ACCESS", "You don't have access to this record");

        var first = await Dispatcher(h, h.Store).RunAsync(default);
        h.Emulator.Faults.Clear();
        var soon = await Dispatcher(h, h.Store).RunAsync(default); // a minute later would be too soon: Alerts:RetryBackoff (5 minutes)
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Dispatcher(h, h.Store).RunAsync(default);

        Assert.Equal((2, 1), (first.Posted, first.Failed));
        Assert.Equal(0, soon.Posted);
        Assert.Equal(1, second.Posted);
        Assert.All(cases, c => Assert.Single(h.Emulator.Feed(c)));
    }

    [Fact]
    public async Task FloodGuard_EveryCaseBreaching_PostsNoMoreThanTheCapsAndKeepsTheRest()
    {
        var (h, cases, _) = await BreachingAsync(30, new Dictionary<string, string?> { ["Alerts:MaxPostsPerCycle"] = "10", ["Alerts:MaxPostsPerCase"] = "1" });
        await using var _h = h;
        var options = new AlertsOptions { MaxPostsPerCycle = 10, MaxPostsPerCase = 1 };

        var first = await Dispatcher(h, h.Store, options).RunAsync(default);
        var sameMinute = await Dispatcher(h, h.Store, options).RunAsync(default); // a wake-up at a due instant: the cap is spent
        h.Salesforce.Time.Advance(AlertDispatcher.BacklogWindow);
        var second = await Dispatcher(h, h.Store, options).RunAsync(default);

        Assert.Equal((10, 20), (first.Posted, first.Held));
        Assert.Equal((0, 20), (sameMinute.Posted, sameMinute.Held));
        Assert.Equal((10, 10), (second.Posted, second.Held));
        Assert.Equal(20, Posts(h, cases));
        Assert.Equal(10, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state = 'pending'"));
        Assert.Contains(h.Salesforce.Logs.WithEventName("HeldBack"), e => e.Properties["Held"].ToString() == "20");
        // One warning a minute: the run within the spent minute says it at debug level only.
        Assert.Equal(["20", "10"], h.Salesforce.Logs.WithEventName("HeldBack").Select(e => e.Properties["Held"].ToString()));
        Assert.Equal("20", Assert.Single(h.Salesforce.Logs.WithEventName("BacklogWaitsThisWindow")).Properties["Held"].ToString());
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABacklogLargerThanTheCap_PostsTheMostUrgentCases_WhateverOrderTheStoreReadsThemIn(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        var cases = h.Salesforce.SeedCases(12);
        // The store streams the backlog case by case; urgency runs against that order.
        Alert On(int i, SfBridge.Rules.Severity severity, int dueMinutesAgo, int queuedMinutesAgo, string tag) =>
            Queued(cases[i], tag, now.AddMinutes(-queuedMinutesAgo), now.AddMinutes(-dueMinutesAgo)) with { Severity = severity };
        var warnings = Enumerable.Range(0, 11).Select(i => On(i, SfBridge.Rules.Severity.Warning, 5, 60 - i, $"w{i}")).ToList(); // a warning on cases 0-10
        // Two of the warnings queued at the same instant, the oldest: the one queued first in the outbox's order (instant,
        // then reference) goes first, and it is the one the store reads last.
        var (early, late) = (from i in new[] { 0, 1, 2, 4, 5, 6, 8, 9, 10 }
                             from j in new[] { 0, 1, 2, 4, 5, 6, 8, 9, 10 }
                             where string.CompareOrdinal(cases[i], cases[j]) < 0 && string.CompareOrdinal(warnings[j].Reference, warnings[i].Reference) < 0
                             select (i, j)).First();
        warnings[early] = On(early, SfBridge.Rules.Severity.Warning, 5, 100, $"w{early}");
        warnings[late] = On(late, SfBridge.Rules.Severity.Warning, 5, 100, $"w{late}");
        await h.Store.EnqueueAsync([.. warnings,
            On(11, SfBridge.Rules.Severity.Critical, 1, 1, "c11"), // critical before any breach
            On(3, SfBridge.Rules.Severity.Breach, 10, 3, "b3"),
            On(7, SfBridge.Rules.Severity.Breach, 30, 2, "b7")], default); // due before case 3's breach, though queued after it
        var options = new AlertsOptions { MaxPostsPerCycle = 2, MaxPostsPerCase = 20 };
        List<int> Posted() => Enumerable.Range(0, 12).Where(i => h.Emulator.Feed(cases[i]).Count > 0).ToList();

        var first = await Dispatcher(h, h.Store, options).RunAsync(default);
        var afterFirst = Posted();
        h.Salesforce.Time.Advance(AlertDispatcher.BacklogWindow); // the cap is per run and per minute
        var second = await Dispatcher(h, h.Store, options).RunAsync(default);

        Assert.Equal([7, 11], afterFirst);
        Assert.Equal((3, 2, 11), (first.Posted, first.Posts, first.Held)); // 14 alerts ready: case 7's breach and warning, case 11's critical
        Assert.Equal(new[] { 3, 7, 11, late }.Order(), Posted());
        Assert.Equal((3, 2, 8), (second.Posted, second.Posts, second.Held)); // case 3's breach and warning, then the tied warning read last
        Assert.All(Posted(), i => Assert.Single(h.Emulator.Feed(cases[i]))); // one post per case, with all of its alerts
        Assert.Contains(h.Salesforce.Logs.WithEventName("HeldBack"), e => e.Properties["Held"].ToString() == "8" && e.Properties["Cases"].ToString() == "8");
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnUnconfirmedPostPastTheGrace_GoesOutWithItsCasesOtherAlerts_AndAKnownOneIsAdopted(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        var cases = h.Salesforce.SeedCases(3);
        Alert On(int i, string tag) => Queued(cases[i], tag, now.AddMinutes(-10), now.AddMinutes(-10));
        var (lost, other, known, alone) = (On(0, "lost"), On(0, "other"), On(1, "known"), On(2, "alone"));
        await h.Store.EnqueueAsync([lost, other, known, alone], default);
        // A post whose outcome was never learnt, claimed long ago, and a reference found in SfBridge's earlier posts.
        await h.Store.ClaimAsync([lost], now - TimeSpan.FromHours(1), "worker-a", default);
        await h.Store.RecordKnownPostsAsync([new KnownPost(known.Reference, "0D5SB0000000009AAA", cases[1], now.AddMinutes(-5))], now, default);

        var report = await Dispatcher(h, h.Store).RunAsync(default);

        var post = Assert.Single(h.Emulator.Feed(cases[0])); // the lost alert was not found in the feed: posted with its case's other alert
        Assert.Contains(lost.Reference, post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(other.Reference, post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Feed(cases[1])); // already in Chatter: adopted, not posted again
        Assert.Single(h.Emulator.Feed(cases[2]));
        Assert.Equal((3, 1, 2), (report.Posted, report.Adopted, report.Posts));
        Assert.Equal("0D5SB0000000009AAA", (await h.Store.QueryAsync($"SELECT feed_element_id FROM alerts WHERE reference = '{known.Reference}'", default))[0][0]);
    }

    [Fact]
    public async Task CaseText_NeverBecomesAMention_AndPostsStayWithinChattersLimit()
    {
        await using var h = await SyncHarness.StartAsync();
        var marina = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var caseId = h.Salesforce.SeedCases(1)[0];
        var mentions = Enumerable.Range(0, 30).Select(_ => marina).Append("00GSB0000000001AAA").Append("@Marina Costa").ToList();
        var message = "@Marina Costa <b>URGENTE</b> <script>x()</script> " + new string('y', 30_000);
        var alert = new Alert("SFB-TESTTEST12", "PIT-01|x|y", caseId, "PIT-01", 0, 1, AlertPurpose.Breach, AlertState.Pending, message, mentions, null, 0, h.Salesforce.Time.GetUtcNow(), null);
        await h.Store.EnqueueAsync([alert], default);

        await Dispatcher(h, h.Store).RunAsync(default);

        var post = Assert.Single(h.Emulator.Feed(caseId));
        var segments = post["body"]!["messageSegments"]!.AsArray();
        Assert.Equal([marina], segments.Where(s => s!["type"]!.GetValue<string>() == "Mention").Select(s => s!["record"]!["id"]!.GetValue<string>()));
        Assert.Contains("@Marina Costa <b>URGENTE</b>", post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(post["body"]!["text"]!.GetValue<string>().Length <= ChatterPost.MaxBodyLength);
        Assert.EndsWith("[SFB-TESTTEST12]", post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("MentionDropped").Count());
    }

    [Fact]
    public async Task ALongMessageWithTwentyFiveMentions_KeepsItsReferenceAtTheEnd()
    {
        var (h, cases, _) = await BreachingAsync(1);
        await using var _h = h;
        var mentions = Enumerable.Range(1, 25).Select(i => SalesforceId.To18($"005SB{i:D10}")).ToList();
        var alert = new Alert(Alert.ReferenceFor("PIT-01|long", 0), "PIT-01|long", cases[0], "PIT-01", 0, 1, AlertPurpose.Breach, AlertState.Pending,
            "Boa tarde! " + new string('x', 9_990), mentions, "sla-1", 0, h.Salesforce.Time.GetUtcNow(), null);

        var input = Dispatcher(h, h.Store).ToPost([alert]).ToInput();

        var texts = input.Body.MessageSegments.Where(s => s.Type == "Text").Select(s => s.Text!).ToList();
        Assert.Equal($" [{alert.Reference}]", texts[^1]); // the reference survives, whole, at the end
        Assert.True(texts.Sum(t => t.Length) + (25 * ChatterPost.MentionReserve) <= ChatterPost.MaxBodyLength);
    }
}
