using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

public sealed class AcknowledgedReminderTests
{
    /// <summary>
    /// A Pit Stop case of the IS tier owned by Otávio, opened on Tuesday at 16:00 (the team works until 18:00), breached and posted
    /// at 16:31; at 18:31 its reminder is due, off the team's shift, and waits for 08:00. The harness, the case and its post.
    /// </summary>
    private static async Task<(SyncHarness H, string Case, JsonNode Post)> ReminderDueOffShiftAsync(string provider)
    {
        var (h, id, post) = await BreachedAsync(16, provider); // 16:31: the breach, mentioning Otávio (the owner)
        h.Salesforce.Time.Advance(TimeSpan.FromHours(2)); // 18:31
        await h.DueWatch.WhenIdleAsync();
        return (h, id, post);
    }

    /// <summary>
    /// A Pit Stop case of the IS tier (30 minutes) owned by Otávio, opened on Tuesday at <paramref name="hour"/>:00, judged then
    /// and breached and posted at :31; with PIT-01 set to "quiet" off-shift in rules.csv when <paramref name="quiet"/>.
    /// The harness, the case and its one post.
    /// </summary>
    private static async Task<(SyncHarness H, string Case, JsonNode Post)> BreachedAsync(int hour, string provider, bool quiet = false)
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            quiet ? new Dictionary<string, string?> { ["Mappings:Path"] = Fixtures.MappingsCopy.With("rules.csv", t => t.Replace("yes,pitstop,wait", "yes,pitstop,quiet", StringComparison.Ordinal)) } : null,
            provider);
        h.Salesforce.Time.Advance(Local(3, hour) - h.Salesforce.Time.GetUtcNow());
        var id = new ServicePath(h).Case("PitStop", Local(3, hour), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "IS"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        return (h, id, Assert.Single(h.Emulator.Feed(id)));
    }
    /// <summary>Whom the one reminder of the case sent (<paramref name="also"/>: more conditions on the outbox row) mentions in its Chatter post.</summary>
    private static async Task<List<string>> MentionsOfSentReminderAsync(SyncHarness h, string id, string also)
    {
        var sent = await h.Store.QueryAsync($"SELECT reference FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'sent' {also}", default);
        var reference = (string)Assert.Single(sent)[0]!;
        var reminder = h.Emulator.Feed(id).Single(p => p["body"]!["text"]!.GetValue<string>().Contains(reference, StringComparison.Ordinal))["body"]!["messageSegments"]!.AsArray();
        return reminder.Where(m => m!["type"]!.GetValue<string>() == "Mention").Select(m => m!["record"]!["id"]!.GetValue<string>()).ToList();
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldForTheNextWorkingPeriod_IsWithdrawn_WhenTheBreachIsAcknowledgedMeanwhile(string provider)
    {
        var (h, id, post) = await ReminderDueOffShiftAsync(provider);
        await using var _h = h;
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), User(14));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the reminder is queued for the morning, then the "ok" is read

        h.Salesforce.Time.Advance(Local(4, 8, 1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(h.Emulator.Feed(id)); // acknowledged the evening before: no reminder in the morning
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND state IN ('pending', 'sending')"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldForTheNextWorkingPeriod_CallsWhomTheCaseCallsWhenItGoesOut(string provider)
    {
        // Reproduced: the reminder planned at 18:31 for Otávio, the owner, waited for the morning; the case was given to Zenaide at
        // 19:00, and at 08:00 the reminder called Otávio, who no longer had it.
        var (h, id, _) = await ReminderDueOffShiftAsync(provider);
        await using var _h = h;
        var s = new ServicePath(h);
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'pending'"));

        h.Salesforce.Time.Advance(Local(3, 19) - h.Salesforce.Time.GetUtcNow());
        s.OwnerChange(id, User(14), User(5), Local(3, 19), User(4));
        s.Update(id, new JsonObject { ["OwnerId"] = User(5) });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(Local(4, 8, 1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var mentioned = await MentionsOfSentReminderAsync(h, id, "");
        Assert.Contains(User(5), mentioned);
        Assert.DoesNotContain(User(14), mentioned);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldForTheNextWorkingPeriod_CallsTheManagerOfAnOwnerDeactivatedOvernight(string provider)
    {
        // The reminder planned at 18:31 for Otávio waits for the morning; Otávio's user is deactivated at 22:00, nothing on the
        // case changes. At 08:00 the reminder calls Carlos Menezes, his manager, not a user who can no longer be mentioned.
        var (h, id, _) = await ReminderDueOffShiftAsync(provider);
        await using var _h = h;
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'pending'"));

        h.Salesforce.Time.Advance(Local(3, 22) - h.Salesforce.Time.GetUtcNow());
        h.Emulator.Org.Update(User(14), new JsonObject { ["IsActive"] = false });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(Local(4, 8, 1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal([User(4)], await MentionsOfSentReminderAsync(h, id, ""));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnOkWrittenInTheMinuteBeforeAReminderFallsDue_StopsIt_ThoughTheWorkerWakesAtTheDueInstant(string provider)
    {
        // The IS-tier case of Otávio opened on Tuesday at 10:00, breached and posted at 10:31; its reminder falls due at 12:31.
        // Otávio answers "ok" at 12:30:30, after the periodic dispatch of 12:30. Reproduced: the worker woke at 12:31 for the
        // reminder, judged the case and posted it at once, reading no replies: a reminder of what he had just acknowledged.
        var (h, id, post) = await BreachedAsync(10, provider);
        await using var _h = h;
        h.Salesforce.Time.Advance(Local(3, 12, 30) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 12:30: the periodic run, with nothing due

        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(30));
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), User(14));
        var awaiting = 0L;
        var ours = h.Salesforce.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(); // this harness's meter only
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SfBridge.Hosting.SfBridgeMetrics.MeterName && instrument.Name == "sfbridge.alerts" && ReferenceEquals(instrument.Meter.Scope, ours))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags[0].Value as string == "awaiting_replies")
            {
                Interlocked.Add(ref awaiting, value);
            }
        });
        listener.Start();
        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(40)); // 12:31:10: the wake-up for the reminder's due instant runs
        await h.DueWatch.WhenIdleAsync();
        Assert.Equal(1, Interlocked.Read(ref awaiting)); // counted as waiting for the replies
        var atTheDueInstant = h.Emulator.Feed(id).Count;
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'pending'")); // queued by the wake-up
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the next periodic run reads the "ok" first

        Assert.Equal((1, 1), (atTheDueInstant, h.Emulator.Feed(id).Count));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state IN ('pending', 'sending', 'sent')"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnOkWrittenOffShift_StopsTheReminderOfAQuietRule_ThoughTheWorkerWakesAtTheDueInstant(string provider)
    {
        // PIT-01 set to "quiet" off-shift: its reminder due at 19:31, after the team's close, goes out without mentions. Otávio
        // answers "ok" at 19:30:30, after the periodic dispatch of 19:30. The wake-up at 19:31 leaves the reminder to the
        // periodic dispatch, which reads the "ok" first: the team being already gone is no reason to hurry it out unread.
        var (h, id, post) = await BreachedAsync(17, provider, quiet: true); // 17:31: the breach, within the hours
        await using var _h = h;
        h.Salesforce.Time.Advance(Local(3, 19, 30) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 19:30: the periodic run, with nothing due

        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(30));
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), User(14));
        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(40)); // 19:31:10: the wake-up for the reminder's due instant runs
        await h.DueWatch.WhenIdleAsync();
        var atTheDueInstant = h.Emulator.Feed(id).Count;
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the next periodic run reads the "ok" first

        Assert.Equal((1, 1), (atTheDueInstant, h.Emulator.Feed(id).Count));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state IN ('pending', 'sending', 'sent')"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnOkToAQuietRulesPostMadeOffShift_StopsItsReminders(string provider)
    {
        // PIT-01 set to "quiet" off-shift. A case opened at 19:00, after the team's close, breaches at 19:31: posted at once,
        // mentioning nobody. Otávio, its owner, answers "ok" at 20:00. Reproduced: the alert was stored with no one it called,
        // so his reply acknowledged nothing, and its reminders went on through the night and called him again in the morning.
        var (h, id, post) = await BreachedAsync(19, provider, quiet: true); // 19:31: the breach, off-shift
        await using var _h = h;
        Assert.DoesNotContain(post["body"]!["messageSegments"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "Mention");

        h.Salesforce.Time.Advance(Local(3, 20) - h.Salesforce.Time.GetUtcNow());
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), User(14));
        foreach (var at in new[] { Local(3, 20, 1), Local(3, 21, 35), Local(3, 23, 35), Local(4, 8, 5) })
        {
            h.Salesforce.Time.Advance(at - h.Salesforce.Time.GetUtcNow());
            await h.DueWatch.WhenIdleAsync();
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }

        Assert.Single(h.Emulator.Feed(id));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task APeriodicDispatch_LeavesAReminderQueuedAfterItsReplyRead_ToTheNextOne(string provider)
    {
        // On a cluster, one worker's periodic dispatch reads the replies a second before the reminder falls due. Once that
        // read is answered, the owner writes "ok" and another worker's sweep queues the reminder. Reproduced: the first
        // worker's dispatch posted the reminder over the "ok" its read could not see. It now leaves it to the next dispatch.
        var (h, ids, owner) = await Dispatch.BreachingAsync(1, provider: provider);
        await using var _h = h;
        var id = ids[0];
        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.AlertDispatch, default)); // the breach
        var post = Assert.Single(h.Emulator.Feed(id));
        h.Salesforce.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query")
        {
            Edit = served =>
            {
                new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), owner);
                h.Salesforce.Time.Advance(TimeSpan.FromSeconds(2));
                h.Sweep.RunAsync(default).GetAwaiter().GetResult(); // the other worker's sweep
                return served;
            },
        });

        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.AlertDispatch, default)); // its reply read is the query
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'pending'"));
        Assert.Single(h.Emulator.Feed(id));
        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.AlertDispatch, default)); // the next one reads the "ok" first

        Assert.Single(h.Emulator.Feed(id));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state IN ('pending', 'sending', 'sent')"));
    }

    [Theory]
    [InlineData(null, "00:01:00", 3, "10:02:30", 120)] // the interval, and a minute for the run before it
    [InlineData(null, "00:15:00", 3, "10:02:30", null)] // too long to wait for: reminders go out at their instant
    [InlineData("0 */5 * ? * *", "00:01:00", 3, "10:02:30", 210)] // the cron's next firing, 10:05, wins over the interval
    [InlineData("0 */2 * ? * MON-FRI", "00:01:00", 7, "10:00:30", null)] // a Saturday: the next firing is on Monday
    public void RemindersWaitForThePeriodicDispatch_AsLongAsItMayTakeToCome(string? cron, string interval, int day, string at, int? seconds)
    {
        var schedule = new SfBridge.Sync.JobSchedule { Cron = cron, Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };
        var now = new DateTimeOffset(2026, 3, day, 0, 0, 0, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 3, day))) +
                  TimeSpan.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, SfBridge.Sync.Cycle.UntilNextDispatch(schedule, now));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldForTheMorning_WaitsForTheRepliesOfTheMinuteBeforeItIsReleased(string provider)
    {
        // The reminder due at 18:31 waits for Wednesday 08:00. Otávio answers "ok" at 07:59:30, after the periodic dispatch of
        // 07:59; at 08:00:10 the worker wakes up (a case sync stored changes). Reproduced: the wake-up posted the reminder, queued
        // the evening before, without reading the "ok".
        var (h, id, post) = await ReminderDueOffShiftAsync(provider);
        await using var _h = h;
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the reminder is queued for the morning
        h.Salesforce.Time.Advance(Local(4, 7, 59) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));

        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(30));
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "ok", h.Salesforce.Time.GetUtcNow(), User(14));
        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(40));
        h.DueWatch.WakeNow();
        await h.DueWatch.WhenIdleAsync();
        var atTheWakeUp = h.Emulator.Feed(id).Count;
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the periodic run reads the "ok" first

        Assert.Equal((1, 1), (atTheWakeUp, h.Emulator.Feed(id).Count));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderFallingDueInTheTeamsLastMinutes_GoesOutAtItsInstant_NotTheNextMorning(string provider)
    {
        // Opened on Tuesday at 15:28, breached and posted at 15:59; the reminder falls due at 17:59, and the team stops at
        // 18:00. Left to the periodic dispatch (which reads the replies first), it would find the team gone, and wait for
        // Wednesday 08:00: the wake-up at its instant posts it, as it did before reminders waited for the replies.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly }, provider: provider);
        h.Salesforce.Time.Advance(Local(3, 15, 28) - h.Salesforce.Time.GetUtcNow());
        var id = new ServicePath(h).Case("PitStop", Local(3, 15, 28), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "IS"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 15:59: the breach
        h.Salesforce.Time.Advance(Local(3, 17, 58) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 17:58: the periodic run, with nothing due

        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(70)); // 17:59:10: the wake-up for the reminder's due instant runs
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal(2, h.Emulator.Feed(id).Count);
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'reminder' AND state = 'sent'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldOverTheWeekend_CallsTheSubstituteOfAnAnalystWhoseLeaveStartedMeanwhile(string provider)
    {
        // A key-account case Lúcia Ferraz of the protocol team holds (another sector), so the account's Special analyst,
        // Patrícia Nunes, answers for SS-01. Opened on Thursday 5 March at 16:00; its breach goes out on Friday, and a
        // reminder due after 18:00 waits for Monday 08:30. Patrícia's leave starts on Monday, Tatiane Moura covering
        // (absences.csv). Reproduced: nothing about the case changed, so it was not judged again, and on Monday the reminder
        // called Patrícia, on leave, in place of Tatiane.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?>
            {
                ["Mappings:Path"] = Fixtures.MappingsCopy.With("absences.csv", t => t.TrimEnd('\n') +
                    $"\n{User(8)},2026-03-09,2026-03-13,{User(12)},ferias,Férias de Patrícia Nunes\n"),
            }, provider);
        h.Salesforce.Time.Advance(Local(5, 16) - h.Salesforce.Time.GetUtcNow());
        var id = new ServicePath(h).Case("SpecialService", Local(5, 16), c =>
        {
            c["OwnerId"] = User(10);
            c["AccountId"] = "001SB0000000001YAA";
        });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        foreach (var at in new[] { Local(6, 12), Local(6, 17), Local(6, 20) })
        {
            h.Salesforce.Time.Advance(at - h.Salesforce.Time.GetUtcNow());
            await h.DueWatch.WhenIdleAsync();
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }

        var held = await h.Store.QueryAsync($"SELECT reference, mentions FROM alerts WHERE case_id = '{id}' AND rule_id = 'SS-01' AND purpose = 'reminder' AND state = 'pending'", default);
        Assert.Contains(User(8), (string)Assert.Single(held)[1]!); // Friday evening: Patrícia is at work, and is called

        h.Salesforce.Time.Advance(Local(9, 8, 31) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var mentioned = await MentionsOfSentReminderAsync(h, id, $"AND rule_id = 'SS-01' AND sent_at >= '{Local(9, 8, 30).UtcDateTime:yyyy-MM-ddTHH:mm}'");
        Assert.Contains(User(12), mentioned);
        Assert.DoesNotContain(User(8), mentioned);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AReminderHeldForTheNextWorkingPeriod_WaitsForASnoozeAskedMeanwhile(string provider)
    {
        var (h, id, post) = await ReminderDueOffShiftAsync(provider);
        await using var _h = h;
        new ServicePath(h).FeedReply(id, post["id"]!.GetValue<string>(), "adiar 16h", h.Salesforce.Time.GetUtcNow(), User(14));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // snoozed until Wednesday 10:31

        h.Salesforce.Time.Advance(Local(4, 8, 1) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var morning = h.Emulator.Feed(id).Count;
        h.Salesforce.Time.Advance(Local(4, 10, 35) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal(1, morning); // not at 08:00: the snooze runs until 10:31
        Assert.Equal(2, h.Emulator.Feed(id).Count); // then the reminder goes out
    }
}
