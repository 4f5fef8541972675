using System.Text.Json.Nodes;
using SfBridge.Alerts;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// What goes out in a run and how each post reads: the order of the lines of a case and of the cases of a run (severity,
/// then the earliest due, an alert without a due instant after those with one, then the oldest), room for every line
/// and its reference inside Chatter's limit, the greeting of a held alert, and alerts still off-shift.
/// </summary>
public sealed class PostShapingTests
{
    private static AlertDispatcher Dispatcher(SyncHarness h, AlertsOptions options) => Dispatch.Dispatcher(h, options: options);

    private static Alert Queued(string caseId, string name, Severity severity, DateTimeOffset createdAt, DateTimeOffset? dueAt, string? message = null,
        IReadOnlyList<string>? mentions = null, DateTimeOffset? notBefore = null, string rule = "PIT-01") =>
        new(Alert.ReferenceFor($"{rule}|{caseId}|{name}", 0), $"{rule}|{caseId}|{name}", caseId, rule, 0, 1, AlertPurpose.Breach, AlertState.Pending,
            message ?? $"alerta {name}", mentions ?? [], null, 0, createdAt, null)
        {
            Severity = severity, DueAt = dueAt, NotBefore = notBefore, CaseNumber = "00001000", Subject = "Pedido aguardando validação",
        };

    /// <summary>A backlog: a breach due two hours ago on each case, queued a second apart from now.</summary>
    private static Task<int> EnqueueBacklogAsync(SyncHarness h, IEnumerable<string> cases)
    {
        var now = h.Salesforce.Time.GetUtcNow();
        return h.Store.EnqueueAsync(cases.Select((c, i) => Queued(c, $"old-{i}", Severity.Breach, now.AddSeconds(i), now.AddHours(-2))).ToList(), default);
    }

    private static string Text(JsonObject post) => post["body"]!["text"]!.GetValue<string>();

    [Fact]
    public async Task OneRun_OrdersTheLinesOfACase_FitsLongLines_GreetsByThePostingHour_AndLeavesOffShiftAlertsWaiting()
    {
        await using var h = await SyncHarness.StartAsync();
        var marina = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var cases = h.Salesforce.SeedCases(5);
        var now = h.Salesforce.Time.GetUtcNow(); // Monday 09:00 in São Paulo
        var t = now.AddHours(-1);
        await h.Store.EnqueueAsync(
        [
            // Case 0: five alerts in one post.
            Queued(cases[0], "warning", Severity.Warning, t, now.AddMinutes(-50)),
            Queued(cases[0], "breach-later", Severity.Breach, t.AddMinutes(2), now.AddMinutes(-20)),
            Queued(cases[0], "breach-no-due", Severity.Breach, t, null),
            Queued(cases[0], "breach-newer", Severity.Breach, t.AddMinutes(1), now.AddMinutes(-30)),
            Queued(cases[0], "breach-older", Severity.Breach, t, now.AddMinutes(-30)),
            Queued(cases[0], "critical", Severity.Critical, t.AddMinutes(3), now.AddMinutes(-10), mentions: [marina]),
            // Case 1: two long alerts share Chatter's 10,000 characters.
            Queued(cases[1], "long-1", Severity.Breach, t, null, new string('a', 9_000)),
            Queued(cases[1], "long-2", Severity.Breach, t, null, new string('b', 9_000)),
            // Case 2: judged last night (a case closed at 23:00, or Salesforce out of reach) and case 3, held until now: both
            // are greeted by the hour they are posted; the same words inside the message are the subject's, and stay.
            Queued(cases[2], "night", Severity.Breach, t, null, "Boa noite! O caso 00001002 (Boa tarde, cliente sem acesso) passou do prazo."),
            Queued(cases[3], "held", Severity.Breach, t, null, "Boa noite! O caso 00001003 passou do prazo.", notBefore: now),
            // Case 4: held until the team's next working period, an hour from now.
            Queued(cases[4], "later", Severity.Breach, t, null, notBefore: now.AddHours(1)),
        ], default);

        var report = await Dispatcher(h, new AlertsOptions { MaxPostsPerCase = 20 }).RunAsync(default);

        Assert.Equal((10, 4, 1, 0), (report.Posted, report.Posts, report.OffShift, report.Held));
        Assert.Equal("10", Assert.Single(h.Salesforce.Logs.WithEventName("Dispatched")).Properties["Posted"].ToString());
        Assert.Empty(h.Salesforce.Logs.WithEventName("HeldBack"));

        var post = Assert.Single(h.Emulator.Feed(cases[0]));
        var lines = Text(post).Split('\n').Skip(1).Select(l => l[2..l.IndexOf(" [", StringComparison.Ordinal)]).ToList();
        Assert.Equal(["alerta critical", "alerta breach-older", "alerta breach-newer", "alerta breach-later", "alerta breach-no-due", "alerta warning"], lines);
        var segments = post["body"]!["messageSegments"]!.AsArray();
        Assert.Equal("Mention", segments[0]!["type"]!.GetValue<string>());
        Assert.StartsWith(" ", segments[1]!["text"]!.GetValue<string>(), StringComparison.Ordinal); // a space after the mention

        var longPost = Text(Assert.Single(h.Emulator.Feed(cases[1])));
        Assert.True(longPost.Length <= ChatterPost.MaxBodyLength, $"{longPost.Length} characters");
        Assert.True(longPost.Length > ChatterPost.MaxBodyLength - 20, $"{longPost.Length} characters"); // the room is used, not wasted
        Assert.All(new[] { "long-1", "long-2" }, n => Assert.Contains($"[{Alert.ReferenceFor($"PIT-01|{cases[1]}|{n}", 0)}]", longPost, StringComparison.Ordinal));

        Assert.StartsWith("Bom dia! O caso 00001002 (Boa tarde, cliente sem acesso)", Text(Assert.Single(h.Emulator.Feed(cases[2]))), StringComparison.Ordinal);
        Assert.StartsWith("Bom dia! O caso 00001003", Text(Assert.Single(h.Emulator.Feed(cases[3]))), StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Feed(cases[4]));

        // Next run: only the off-shift alert is left, and it is still early: no call at all.
        h.Emulator.Requests.Clear();
        var idle = await Dispatcher(h, new AlertsOptions { MaxPostsPerCase = 20 }).RunAsync(default);
        Assert.Equal((0, 0, 1), (idle.Posted, idle.Posts, idle.OffShift));
        Assert.Equal(0, h.Emulator.Requests.Count("chatter-batch") + h.Emulator.Requests.Count("chatter-post"));
        Assert.Single(h.Salesforce.Logs.WithEventName("Dispatched"));
    }

    [Theory]
    [InlineData(true, 1)] // still cleared: the note goes out
    [InlineData(false, 0)] // the breach came back before the note went out: withdrawn, never "resolvida" of an open breach
    public async Task AResolutionNoteStillQueued_IsPostedOnlyWhileItsBreachStaysCleared(bool stillCleared, int posted)
    {
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(1);
        var now = h.Salesforce.Time.GetUtcNow();
        var key = $"PIT-03|{cases[0]}|x";
        await h.Store.QueryAsync($"""
            INSERT INTO findings (breach_key, case_id, case_number, pack, rule_id, kind, severity, mentions, first_seen, last_seen, cleared_at)
            VALUES ('{key}', '{cases[0]}', '00001000', 'pitstop', 'PIT-03', 'no-agent-available', 'breach', '[]', '2026-03-02T00:00:00.0000000Z',
                    '2026-03-02T00:00:00.0000000Z', {(stillCleared ? "'2026-03-02T11:00:00.0000000Z'" : "NULL")})
            """, default);
        await h.Store.EnqueueAsync([new Alert(Alert.ReferenceFor(key, 1), key, cases[0], "PIT-03", 1, 1, AlertPurpose.Resolution, AlertState.Pending,
            "Bom dia! A pendência do caso 00001000 foi resolvida.", [], "res-1", 0, now, null) { Severity = Severity.Info, CaseNumber = "00001000" }], default);

        var report = await Dispatcher(h, new AlertsOptions()).RunAsync(default);

        Assert.Equal((posted, 1 - posted), (report.Posted, report.Withdrawn));
        Assert.Equal(posted, h.Emulator.Feed(cases[0]).Count);
    }

    [Fact]
    public async Task AnAlertPlannedWithinTheHours_ThatTheCapsHeldPastTheClose_WaitsForTheTeamsNextWorkingPeriod()
    {
        // Reproduced: a PIT-01 breach queued at 17:50, within the Pit Stop's hours, held behind the caps until 18:05, went out
        // then with its mentions: only an alert planned off-shift waited for the team.
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(1);
        var monday9 = h.Salesforce.Time.GetUtcNow();
        await h.Store.EnqueueAsync([Queued(cases[0], "late", Severity.Breach, monday9.AddHours(8).AddMinutes(50), monday9.AddHours(8).AddMinutes(45))], default);

        h.Salesforce.Time.Advance(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(5)); // Monday 18:05
        var evening = await Dispatcher(h, new AlertsOptions()).RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1)); // Tuesday 08:06
        var morning = await Dispatcher(h, new AlertsOptions()).RunAsync(default);

        Assert.Equal((0, 1), (evening.Posted, evening.OffShift));
        Assert.Equal((1, 0), (morning.Posted, morning.OffShift));
        Assert.Single(h.Emulator.Feed(cases[0]));
    }

    [Theory]
    [InlineData(17, 55, 1)] // within the CMC's hours: as planned
    [InlineData(18, 5, 0)] // after them: BIL-01 posts quietly off-shift, so without its mentions
    public async Task AQuietRulesAlertPlannedWithinTheHours_ThatGoesOutAfterTheClose_GoesOutWithoutMentions(int hour, int minute, int mentioned)
    {
        // Reproduced: a BIL-01 breach queued at 17:50 with the CMC analyst's mention, held behind the caps until 18:05, went out
        // then with the mention: only an alert planned off-shift lost its mentions.
        await using var h = await SyncHarness.StartAsync();
        var analyst = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Tatiane Reis", ["IsActive"] = true });
        var cases = h.Salesforce.SeedCases(1);
        var monday9 = h.Salesforce.Time.GetUtcNow();
        await h.Store.EnqueueAsync([Queued(cases[0], "update", Severity.Breach, monday9.AddHours(8).AddMinutes(50), monday9.AddHours(8).AddMinutes(45),
            mentions: [analyst], rule: "BIL-01")], default);

        h.Salesforce.Time.Advance(TimeSpan.FromHours(hour - 9) + TimeSpan.FromMinutes(minute));
        var report = await Dispatcher(h, new AlertsOptions()).RunAsync(default);

        Assert.Equal((1, 0), (report.Posted, report.Failed));
        var segments = Assert.Single(h.Emulator.Feed(cases[0]))["body"]!["messageSegments"]!.AsArray();
        Assert.Equal(mentioned, segments.Count(s => s!["type"]!.GetValue<string>() == "Mention"));
    }

    [Fact]
    public async Task ABreachThatHasJustComeDue_GoesBeforeABacklog_EvenOfCriticalPosts_AtTheRunItIsQueued()
    {
        // A first start's backlog: critical-case posts (no due instant) and a breach due two hours ago, more than a run
        // may post. Then a breach comes due: it goes out at the next run, not after the backlog has drained.
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(7);
        var now = h.Salesforce.Time.GetUtcNow();
        var start = now.AddMinutes(-2);
        await h.Store.EnqueueAsync(
        [
            Queued(cases[0], "critical-a", Severity.Critical, start, null),
            Queued(cases[1], "critical-b", Severity.Critical, start.AddSeconds(1), null),
            Queued(cases[2], "critical-c", Severity.Critical, start.AddSeconds(2), null),
            Queued(cases[3], "old-breach", Severity.Breach, start, now.AddHours(-2)),
            Queued(cases[4], "old-warning", Severity.Warning, start, now.AddMinutes(-1)),
            Queued(cases[5], "just-due", Severity.Breach, now, now.AddSeconds(-1)),
        ], default);
        var options = new AlertsOptions { MaxPostsPerCycle = 2 };

        var first = await Dispatcher(h, options).RunAsync(default);

        Assert.Equal((2, 4), (first.Posted, first.Held));
        Assert.Single(h.Emulator.Feed(cases[5])); // the breach just due
        Assert.Single(h.Emulator.Feed(cases[0])); // then the backlog in its order: most severe, earliest queued
        Assert.All(cases[1..5], c => Assert.Empty(h.Emulator.Feed(c)));

        // A breach still queued when its due instant is more than five minutes past is backlog itself: the critical posts go first.
        await h.Store.EnqueueAsync([Queued(cases[6], "due-while-down", Severity.Breach, now, now)], default);
        h.Salesforce.Time.Advance(AlertDispatcher.FreshBreach + TimeSpan.FromSeconds(1));
        var second = await Dispatcher(h, options).RunAsync(default);
        Assert.Equal(2, second.Posted);
        Assert.Single(h.Emulator.Feed(cases[1]));
        Assert.Single(h.Emulator.Feed(cases[2]));
        Assert.Empty(h.Emulator.Feed(cases[6]));
    }

    [Fact]
    public async Task ABacklog_GoesOutAtTheCapPerWindow_HoweverManyRunsFallInIt_ABreachJustDueStillGoesAtItsRun()
    {
        // Reproduced at 100,000 generated cases as a service: the worker also dispatches at every due instant, there every
        // two seconds, and each run posted the cap from the first start's backlog: 2,816 posts in 80 seconds.
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(6);
        await EnqueueBacklogAsync(h, cases[..5]);
        var options = new AlertsOptions { MaxPostsPerCycle = 2 };
        int Posted() => cases[..5].Count(c => h.Emulator.Feed(c).Count == 1);
        async Task<DispatchReport> RunAfter(TimeSpan wait)
        {
            h.Salesforce.Time.Advance(wait);
            return await Dispatcher(h, options).RunAsync(default);
        }

        var first = await RunAfter(TimeSpan.Zero);
        Assert.Equal((2, 3, 2), (first.Posted, first.Held, Posted()));
        var wakeUp = await RunAfter(TimeSpan.FromSeconds(10)); // a wake-up in the same window: the backlog waits
        Assert.Equal((0, 3), (wakeUp.Posted, wakeUp.Held));

        // A breach that has just come due still goes at once, past the spent cap.
        await h.Store.EnqueueAsync([Queued(cases[5], "just-due", Severity.Breach, h.Salesforce.Time.GetUtcNow(), h.Salesforce.Time.GetUtcNow())], default);
        var fresh = await RunAfter(TimeSpan.FromSeconds(10));
        Assert.Equal((1, 3), (fresh.Posted, fresh.Held));
        Assert.Single(h.Emulator.Feed(cases[5]));
        Assert.Equal(2, Posted());

        // A window after the first run its two posts leave it; the fresh one, 20 seconds later, is still in it.
        var nextMinute = await RunAfter(AlertDispatcher.BacklogWindow - TimeSpan.FromSeconds(19));
        Assert.Equal((1, 3), (nextMinute.Posted, Posted()));
        var later = await RunAfter(AlertDispatcher.BacklogWindow);
        Assert.Equal((2, 5), (later.Posted, Posted()));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task TwoWorkersDispatchingAtOnce_ShareOneWindow_TheSecondCountsTheFirstsPostsAsItClaims(string provider)
    {
        // Two workers of a cluster: the second counted the window's posts (none yet), the first then posted the cap, and
        // the second went on to post the cap again from what the first had left of the backlog.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var cases = h.Salesforce.SeedCases(6);
        await EnqueueBacklogAsync(h, cases);
        var options = new AlertsOptions { MaxPostsPerCycle = 2 };
        DispatchReport? other = null;
        var store = new InterruptedAlertStore(h.Store) { CrashOnMarkSent = false };
        store.AfterPostsCounted = async () => other = await Dispatcher(h, options).RunAsync(default);

        var run = await Dispatch.Dispatcher(h, store, options).RunAsync(default);

        Assert.Equal(2, other!.Posted);
        Assert.Equal((0, 4), (run.Posted, run.Held));
        Assert.Equal(2, cases.Count(c => h.Emulator.Feed(c).Count == 1));
    }

    [Fact]
    public async Task MoreBreachesJustDueThanTheCap_ARunStillPostsTheCap_TheEarliestDueFirst()
    {
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(4);
        var now = h.Salesforce.Time.GetUtcNow();
        await h.Store.EnqueueAsync(
        [
            Queued(cases[0], "backlog", Severity.Critical, now.AddHours(-1), null),
            Queued(cases[1], "due-3", Severity.Breach, now, now.AddMinutes(-1)),
            Queued(cases[2], "due-1", Severity.Breach, now, now.AddMinutes(-3)),
            Queued(cases[3], "due-2", Severity.Breach, now, now.AddMinutes(-2)),
        ], default);

        var run = await Dispatcher(h, new AlertsOptions { MaxPostsPerCycle = 2 }).RunAsync(default);

        Assert.Equal((2, 2), (run.Posted, run.Held));
        Assert.Equal([2, 3], Enumerable.Range(0, 4).Where(i => h.Emulator.Feed(cases[i]).Count > 0));
    }

    [Fact]
    public async Task ABreachJustDue_AndWhatTheWindowLeavesOfTheCap_GoTogether()
    {
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(6);
        await EnqueueBacklogAsync(h, cases[..5]);
        Assert.Equal(2, (await Dispatcher(h, new AlertsOptions { MaxPostsPerCycle = 2 }).RunAsync(default)).Posted);
        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(10));
        var now = h.Salesforce.Time.GetUtcNow();
        await h.Store.EnqueueAsync([Queued(cases[5], "just-due", Severity.Breach, now, now)], default);

        var run = await Dispatcher(h, new AlertsOptions { MaxPostsPerCycle = 3 }).RunAsync(default); // two of its three spent in this window

        Assert.Equal((2, 2), (run.Posted, run.Held)); // the fresh breach, and one of the backlog
        Assert.Single(h.Emulator.Feed(cases[5]));
        Assert.Equal(3, cases[..5].Count(c => h.Emulator.Feed(c).Count == 1));
    }

    [Fact]
    public async Task ARunCappedToOnePost_TakesTheEarliestDue_ThenTheOldest_ThenOneWithoutADueInstant()
    {
        await using var h = await SyncHarness.StartAsync();
        var cases = h.Salesforce.SeedCases(3);
        var now = h.Salesforce.Time.GetUtcNow();
        await h.Store.EnqueueAsync(
        [
            Queued(cases[0], "no-due", Severity.Breach, now.AddMinutes(-30), null),
            Queued(cases[1], "newer", Severity.Breach, now.AddMinutes(-10), now.AddMinutes(-5)),
            Queued(cases[2], "older", Severity.Breach, now.AddMinutes(-20), now.AddMinutes(-5)),
        ], default);
        var options = new AlertsOptions { MaxPostsPerCycle = 1 };

        var order = new List<int>();
        for (var run = 0; run < 3; run++)
        {
            h.Salesforce.Time.Advance(run == 0 ? TimeSpan.Zero : AlertDispatcher.BacklogWindow); // the cap is per run and per minute
            var report = await Dispatcher(h, options).RunAsync(default);
            Assert.Equal((1, 2 - run), (report.Posted, report.Held));
            order.Add(cases.FindIndex(c => h.Emulator.Feed(c).Count == 1 && !order.Contains(cases.IndexOf(c))));
        }

        Assert.Equal([2, 1, 0], order);
    }
}
