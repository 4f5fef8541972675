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
        Assert.Contains(h.Emulator.Feed("500SB0000005003YAA"), p => p["body"]!["messageSegments"]!.AsArray()
            .Any(s => s!["record"]?["id"]?.GetValue<string>() == "005SB0000000011YAA")); // BIL-03: Rodrigo Calil after hours
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

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(h, new CrashingAlertStore(h.Store)).RunAsync(default));
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

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(h, new CrashingAlertStore(h.Store)).RunAsync(default));
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
        var second = await Dispatcher(h, h.Store, options).RunAsync(default);

        Assert.Equal((10, 20), (first.Posted, first.Held));
        Assert.Equal(20, Posts(h, cases));
        Assert.Equal(10, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state = 'pending'"));
        Assert.Contains(h.Salesforce.Logs.WithEventName("HeldBack"), e => e.Properties["Held"].ToString() == "20");
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABacklogLargerThanTheCap_PostsTheMostUrgentCases_WhateverOrderTheStoreReadsThemIn(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        var cases = h.Salesforce.SeedCases(12);
        // The store streams the backlog case by case (in id order); urgency runs against that order.
        Alert On(int i, SfBridge.Rules.Severity severity, int dueMinutesAgo, int queuedMinutesAgo, string tag) =>
            new(Alert.ReferenceFor($"PIT-01|{cases[i]}|{tag}", 0), $"PIT-01|{cases[i]}|{tag}", cases[i], "PIT-01", 0, 1, AlertPurpose.Breach, AlertState.Pending,
                $"Alerta {tag}", [], null, 0, now.AddMinutes(-queuedMinutesAgo), null) { Severity = severity, DueAt = now.AddMinutes(-dueMinutesAgo) };
        var alerts = Enumerable.Range(0, 12).Select(i => On(i, SfBridge.Rules.Severity.Warning, 5, 60 - i, $"w{i}")).ToList(); // a warning on every case
        alerts[1] = On(1, SfBridge.Rules.Severity.Warning, 5, 100, "w1"); // the oldest two warnings, queued at the same instant
        alerts[5] = On(5, SfBridge.Rules.Severity.Warning, 5, 100, "w5");
        alerts.Add(On(11, SfBridge.Rules.Severity.Critical, 1, 1, "c11")); // the last case is critical
        alerts.Add(On(3, SfBridge.Rules.Severity.Breach, 10, 3, "b3"));
        alerts.Add(On(7, SfBridge.Rules.Severity.Breach, 30, 2, "b7")); // due earlier than case 3's breach
        await h.Store.EnqueueAsync(alerts, default);
        // Of the two equal warnings, the one queued first in the outbox's order (instant, then reference) goes first.
        var tie = string.CompareOrdinal(alerts[1].Reference, alerts[5].Reference) < 0 ? 1 : 5;

        var report = await Dispatcher(h, h.Store, new AlertsOptions { MaxPostsPerCycle = 4, MaxPostsPerCase = 20 }).RunAsync(default);

        var posted = Enumerable.Range(0, 12).Where(i => h.Emulator.Feed(cases[i]).Count > 0).ToList();
        Assert.Equal(new[] { 3, 7, 11, tie }.Order(), posted);
        Assert.All(posted, i => Assert.Single(h.Emulator.Feed(cases[i]))); // one post per case, with all of its alerts
        Assert.Equal((7, 4, 8), (report.Posted, report.Posts, report.Held)); // 15 alerts ready: 2 + 2 + 2 + 1 posted
        Assert.Contains(h.Salesforce.Logs.WithEventName("HeldBack"), e => e.Properties["Held"].ToString() == "8" && e.Properties["Cases"].ToString() == "8");
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
