using System.Text.Json.Nodes;
using SfBridge.Tests.Fixtures;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Sync;

/// <summary>
/// The alert of a closing judgement held off-shift, on the path production takes: the case closes after its team's
/// hours, the sync sees it close, the sweep judges it at its closing and lets it leave the tracked set, and the alert
/// waits in the outbox for the team's next working period while the sweeps of the night go on. It goes out once when
/// the hours open, unless something real took it back meanwhile (the case reopened, the rule switched off, the case deleted).
/// </summary>
public sealed class ClosingOffShiftTests
{
    /// <summary>Monday 2 March 2026, 19:00: an hour after the Pit Stop and protocol hours (08:00-18:00, calendars.csv).</summary>
    private static readonly DateTimeOffset ClosedAt = Local(2, 19);

    /// <summary>Tuesday 3 March, 08:00: the Pit Stop and protocol hours open.</summary>
    private static readonly DateTimeOffset Opens = Local(3, 8);

    /// <summary>A complementary-contact OC (FAQ 7347) of Otávio's, opened at 17:30, with no parent case.</summary>
    private static string Complementary(ServicePath s) =>
        s.Case("PitStop", Local(2, 17, 30), c =>
        {
            c["OwnerId"] = User(14);
            c["Nivel_SLA__c"] = "4 Horas";
            c["Type"] = "FAQ 7347";
        });

    /// <summary>A protocol opened at 17:30 whose executor (Rafael Lima) is not its owner: closed so, PRO-05 reports it.</summary>
    private static string HeldByTheExecutor(ServicePath s) =>
        ServicePathTests.Protocol(s, Local(2, 17, 30), c => c["Atendente_Executor__c"] = "Rafael Lima");

    private static readonly IReadOnlyDictionary<string, Func<ServicePath, string>> Seeds = new Dictionary<string, Func<ServicePath, string>>
    {
        ["PIT-04"] = Complementary,
        ["PRO-05"] = HeldByTheExecutor,
    };

    public static TheoryData<string, string> RulesOnProviders => new()
    {
        { "PIT-04", "sqlite" }, { "PIT-04", "postgres" }, { "PRO-05", "sqlite" }, { "PRO-05", "postgres" },
    };

    private static void Close(ServicePath s, string id, DateTimeOffset at) =>
        s.Update(id, new JsonObject
        {
            ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(at),
            ["Resolucao__c"] = "Análise 02/03/2026 Lúcia / Solução 02/03/2026 Rafael", // the protocol's record complete (PRO-03 quiet)
        });

    /// <summary>A harness on the sample org with <paramref name="rule"/>'s case open since 17:30 and synced at 17:40.</summary>
    private static async Task<(SyncHarness H, ServicePath S, string Id)> OpenAsync(string rule, string provider)
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = OrgOnly }, provider: provider);
        var s = new ServicePath(h);
        await AtAsync(h, Local(2, 17, 40));
        var id = Seeds[rule](s);
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Empty(h.Emulator.Feed(id));
        return (h, s, id);
    }

    /// <summary>Moves the clock to <paramref name="at"/>, letting the wake-ups due on the way run, as the worker would.</summary>
    private static async Task AtAsync(SyncHarness h, DateTimeOffset at)
    {
        h.Salesforce.Time.Advance(at - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
    }

    /// <summary>A full cycle at each instant, as the periodic schedule runs them through the night.</summary>
    private static async Task CyclesAsync(SyncHarness h, params DateTimeOffset[] instants)
    {
        foreach (var at in instants)
        {
            await AtAsync(h, at);
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }
    }

    /// <summary>The case of <see cref="OpenAsync"/> closed at 19:00, after the team's hours, and the cycles of 19:00 and 19:05: its alert held.</summary>
    private static async Task<(SyncHarness H, ServicePath S, string Id)> ClosedAfterHoursAsync(string rule, string provider)
    {
        var (h, s, id) = await OpenAsync(rule, provider);
        await AtAsync(h, ClosedAt);
        Close(s, id, ClosedAt);
        await CyclesAsync(h, ClosedAt, Local(2, 19, 5));
        return (h, s, id);
    }

    /// <summary>The case reopened at 21:00 (with <paramref name="fixes"/>) and closed again at 21:30, a cycle after each.</summary>
    private static async Task ReopenedAndClosedAgainAsync(SyncHarness h, ServicePath s, string id, JsonObject? fixes = null)
    {
        await AtAsync(h, Local(2, 21));
        var reopened = new JsonObject { ["IsClosed"] = false, ["Status"] = "Em Atendimento", ["ClosedDate"] = null };
        foreach (var (k, v) in fixes ?? [])
        {
            reopened[k] = v?.DeepClone();
        }

        s.Update(id, reopened);
        await CyclesAsync(h, Local(2, 21));
        await AtAsync(h, Local(2, 21, 30));
        Close(s, id, Local(2, 21, 30));
        await CyclesAsync(h, Local(2, 21, 30));
    }

    private static Task<List<object?[]>> AlertsAsync(SyncHarness h, string id, string rule) =>
        h.Store.QueryAsync($"SELECT reference, state FROM alerts WHERE case_id = '{id}' AND rule_id = '{rule}' AND purpose = 'breach'", default);

    [Theory]
    [MemberData(nameof(RulesOnProviders))]
    public async Task AClosingAlertChatterKeepsRefusing_KeepsItsFindingOpenOnlyForItsAttempts(string rule, string provider)
    {
        // An org whose flow refuses posts on closed cases: the closing's post is refused at every try. Its finding, held open for
        // the post while it has attempts left, is then cleared: the case is closed and no longer judged, and an open finding would
        // count in the team's morning summary, and cost a refused call an hour, for good.
        var (h, _, id) = await ClosedAfterHoursAsync(rule, provider);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(id, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Não é permitido postar em casos fechados");
        var instants = new List<DateTimeOffset>();
        for (var at = Opens.AddMinutes(1); at < Opens.AddHours(5); at = at.AddMinutes(5))
        {
            instants.Add(at);
        }

        await CyclesAsync(h, instants.ToArray());

        Assert.Empty(h.Emulator.Feed(id));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = '{rule}' AND cleared_at IS NULL"));
        Assert.Equal("withdrawn", Assert.Single(await AlertsAsync(h, id, rule))[1]);
    }

    [Theory]
    [MemberData(nameof(RulesOnProviders))]
    public async Task ACaseClosedAfterHours_ItsClosingAlertWaitsThroughTheNight_AndIsPostedOnce_WhenTheTeamsHoursOpen(string rule, string provider)
    {
        // Reproduced: the alert was held for 08:00, the closed case left the tracked set, the next sweep cleared its
        // finding as one of a case no longer tracked, and at 08:00 the held alert was withdrawn: never posted.
        var (h, _, id) = await ClosedAfterHoursAsync(rule, provider);
        await using var _h = h;
        await CyclesAsync(h, Local(2, 23), Local(3, 7, 59));

        var held = Assert.Single(await AlertsAsync(h, id, rule));
        Assert.Equal("pending", held[1]);
        Assert.Empty(h.Emulator.Feed(id)); // nobody is woken at night
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{id}'")); // the closed case is no longer tracked

        await CyclesAsync(h, Opens.AddMinutes(1));

        var post = Assert.Single(h.Emulator.Feed(id));
        var text = post["body"]!["text"]!.GetValue<string>();
        Assert.Contains($"[{held[0]}]", text, StringComparison.Ordinal);
        Assert.Contains(" Bom dia!", text, StringComparison.Ordinal); // greeted by the hour it goes out, not the 19:00 closing
        Assert.Contains(post["body"]!["messageSegments"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "Mention"); // and it wakes its people now

        // Posted, the finding leaves with its case: no reminder, no second post, however long the worker runs.
        await CyclesAsync(h, Opens.AddMinutes(30), Local(3, 12), Local(3, 17), Local(4, 9));
        Assert.Single(h.Emulator.Feed(id));
        Assert.Equal("sent", Assert.Single(await AlertsAsync(h, id, rule))[1]);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND cleared_at IS NULL"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ACaseClosedWithinTheHours_ItsClosingAlertIsPostedAtOnce_AndNeverAgain(string provider)
    {
        var (h, s, id) = await OpenAsync("PIT-04", provider);
        await using var _ = h;

        await AtAsync(h, Local(2, 17, 50));
        Close(s, id, Local(2, 17, 50));
        await CyclesAsync(h, Local(2, 17, 50));
        Assert.Single(h.Emulator.Feed(id));

        await CyclesAsync(h, Local(2, 19), Local(3, 7, 59), Opens.AddMinutes(1), Local(3, 12), Local(4, 9));

        Assert.Single(h.Emulator.Feed(id));
        Assert.Equal("sent", Assert.Single(await AlertsAsync(h, id, "PIT-04"))[1]);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND cleared_at IS NULL"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AHeldClosingAlert_IsWithdrawn_WhenTheCaseIsReopenedAndClosedWithItsParentBeforeTheHoursOpen(string provider)
    {
        // At 21:00 the supervisor reopens the OC and points it at the original one; at 21:30 it closes again, complete.
        // The closing the alert was about was undone: telling Otávio at 08:00 would accuse a case that is right.
        var (h, s, id) = await ClosedAfterHoursAsync("PIT-04", provider);
        await using var _ = h;
        await ReopenedAndClosedAgainAsync(h, s, id, new JsonObject { ["ParentId"] = "500SB0000002004YAA" });
        await CyclesAsync(h, Local(2, 23), Opens.AddMinutes(1), Local(3, 12));

        Assert.Empty(h.Emulator.Feed(id));
        Assert.Equal("withdrawn", Assert.Single(await AlertsAsync(h, id, "PIT-04"))[1]);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND cleared_at IS NULL"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AHeldClosingAlert_WithdrawnAtAReopening_IsPostedOnce_WhenTheCaseClosesAgainStillWithoutItsParent(string provider)
    {
        // Reproduced: reopening withdrew the held alert, as it should; the case then closed again still without its parent,
        // the same breach came back, and no alert was queued, because the withdrawn one counted as told: nobody ever was.
        var (h, s, id) = await ClosedAfterHoursAsync("PIT-04", provider);
        await using var _ = h;
        await ReopenedAndClosedAgainAsync(h, s, id);
        await CyclesAsync(h, Local(2, 23));

        Assert.Empty(h.Emulator.Feed(id)); // still night
        await CyclesAsync(h, Opens.AddMinutes(1), Local(3, 12), Local(4, 9));

        var states = (await AlertsAsync(h, id, "PIT-04")).Select(r => (string)r[1]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["sent", "withdrawn"], states); // the first withdrawn at the reopening, the second posted
        Assert.Single(h.Emulator.Feed(id));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AHeldAlertWithdrawnAndQueuedAgainMoreTimesThanTheOutboxKeeps_IsStillPostedOnce_WhenTheHoursOpen(string provider)
    {
        // Reproduced: a breach whose held post was withdrawn ten times (the case reopened and closed again through the night)
        // was queued no more when it came back, though nobody had been told of it: at 08:00 nothing was posted.
        var (h, s, id) = await ClosedAfterHoursAsync("PIT-04", provider);
        await using var _ = h;
        for (var k = 0; k < 12; k++)
        {
            var reopenedAt = Local(2, 20).AddMinutes(20 * k);
            await AtAsync(h, reopenedAt);
            s.Update(id, new JsonObject { ["IsClosed"] = false, ["Status"] = "Em Atendimento", ["ClosedDate"] = null });
            await CyclesAsync(h, reopenedAt);
            await AtAsync(h, reopenedAt.AddMinutes(10));
            Close(s, id, reopenedAt.AddMinutes(10));
            await CyclesAsync(h, reopenedAt.AddMinutes(10));
        }

        Assert.Empty(h.Emulator.Feed(id)); // still night
        var rows = await AlertsAsync(h, id, "PIT-04");
        Assert.Equal(10, rows.Count); // thirteen verdicts, and the outbox keeps ten rows: the last one brought back
        Assert.Single(rows, r => (string)r[1]! == "pending");

        await CyclesAsync(h, Opens.AddMinutes(1), Local(3, 12), Local(4, 9));

        Assert.Single(h.Emulator.Feed(id));
        Assert.Single(await AlertsAsync(h, id, "PIT-04"), r => (string)r[1]! == "sent");
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AHeldClosingAlert_IsWithdrawn_WhenItsRuleIsSwitchedOffBeforeTheHoursOpen(string provider)
    {
        var (h, _, id) = await ClosedAfterHoursAsync("PIT-04", provider);
        await using var _h = h;

        // An admin switches PIT-04 off in rules.csv during the night; the worker restarts with it.
        await h.Salesforce.RestartAsync(new Dictionary<string, string?>
        {
            ["Mappings:Path"] = MappingsCopy.With("rules.csv", t => t.Replace("PIT-04,yes,", "PIT-04,no,", StringComparison.Ordinal)),
        });
        await CyclesAsync(h, Local(2, 23), Opens.AddMinutes(1));

        Assert.Empty(h.Emulator.Feed(id));
        Assert.Equal("withdrawn", Assert.Single(await AlertsAsync(h, id, "PIT-04"))[1]);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AHeldClosingAlert_IsWithdrawn_WhenTheCaseIsDeletedBeforeTheHoursOpen(string provider)
    {
        // A deleted case has no feed left to post on: its held alert is not tried against it in the morning.
        var (h, _, id) = await ClosedAfterHoursAsync("PIT-04", provider);
        await using var _h = h;

        await AtAsync(h, Local(2, 22));
        h.Emulator.Org.Delete(id);
        await CyclesAsync(h, Local(2, 22), Local(2, 23), Opens.AddMinutes(1));

        Assert.Empty(h.Emulator.Feed(id));
        Assert.Equal("withdrawn", Assert.Single(await AlertsAsync(h, id, "PIT-04"))[1]);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND cleared_at IS NULL"));
    }
}
