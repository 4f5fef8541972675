using System.Text.Json.Nodes;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// A breach met late (the first answer came after its deadline) happened and is over: it stays on record, and nobody is
/// reminded of it ("segue fora do prazo" about something done would be a false accusation), nor told it was resolved.
/// A reminder is judged on the case as Salesforce holds it at the reminder's instant, not as the last sync stored it.
/// </summary>
public sealed class SettledBreachTests
{
    private const string KeyAccount = "001SB0000000001YAA";

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AKeyAccountAnsweredAfterTheDeadline_IsNotRemindedOf_NorSaidResolved(string provider)
    {
        var (posts, rows) = await RunAsync(provider, answered: true);

        Assert.True(posts.Count == 1, string.Join("\n---\n", posts)); // the breach, posted once; no reminder, no resolution note
        var (detail, settled, cleared) = Assert.Single(rows);
        Assert.Contains("primeira resposta ao cliente chave só em 03/03/2026 10:30", detail, StringComparison.Ordinal); // what the rule says now
        Assert.Equal((1L, null), (settled, cleared));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AKeyAccountStillUnanswered_IsRemindedOf(string provider)
    {
        var (posts, rows) = await RunAsync(provider, answered: false);

        Assert.Equal(4, posts.Count); // the breach and a reminder every two hours (11:00, 13:00, 15:00; 17:00 is off the team's shift)
        Assert.Contains("Lembrete", posts[1], StringComparison.Ordinal);
        Assert.Equal(0L, Assert.Single(rows).Settled);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ACaseClosedBeforeItsReminder_IsReadAgainAtTheWakeUp_AndNotRemindedOf(string provider)
    {
        await using var h = await StartAsync(provider);
        var (s, id) = await BreachPostedAsync(h);
        h.Salesforce.Time.Advance(Local(3, 10, 30) - h.Salesforce.Time.GetUtcNow());
        s.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(Local(3, 10, 30)) });

        h.Salesforce.Time.Advance(Local(3, 11) - h.Salesforce.Time.GetUtcNow()); // the reminder's instant: the wake-up reads the case again
        await h.DueWatch.WhenIdleAsync();

        Assert.Single(h.Emulator.Feed(id)); // no reminder about a closed case
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(h.Emulator.Feed(id)); // closing resolves nothing: no note either
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{id}'")); // judged at its closing, then let go
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABreachHeldForTheMorning_AnsweredBeforeItGoesOut_IsPostedAsARecord_NotAsACallToPrioritise(string provider)
    {
        // Reproduced: SS-01 breached on Tuesday at 19:00 (opened Monday at 19:00), its post held for Wednesday 08:30; the analyst answered at 08:00, and
        // the post still went out as "passou do prazo … Favor priorizar", about something done.
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        h.Salesforce.Time.Advance(Local(2, 19) - h.Salesforce.Time.GetUtcNow());
        var id = s.Case("SpecialService", Local(2, 19), c => { c["OwnerId"] = User(8); c["AccountId"] = KeyAccount; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(Local(3, 19, 5) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Empty(FirstResponsePosts(h, id)); // after the team's hours: held for the morning

        h.Salesforce.Time.Advance(Local(4, 8) - h.Salesforce.Time.GetUtcNow());
        s.Email(id, false, Local(4, 8), "compras@calcados.example", byId: User(8));
        h.Salesforce.Time.Advance(Local(4, 8, 5) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(Local(4, 8, 31) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var post = Assert.Single(FirstResponsePosts(h, id));
        Assert.Contains("só em 04/03/2026 08:00", post, StringComparison.Ordinal); // what the rule says now
        Assert.DoesNotContain("priorizar", post, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("Registro do caso|Para acompanhamento", post);
    }

    private static List<string> FirstResponsePosts(SyncHarness h, string id) =>
        h.Emulator.Feed(id).Select(p => p!["body"]!["text"]!.GetValue<string>()).Where(t => t.Contains("primeira resposta", StringComparison.Ordinal)).ToList();

    /// <summary>A key-account ticket opened Monday 08:00 with no answer: SS-01 (1 business day) breached and posted on Tuesday at 09:00.</summary>
    private static async Task<(ServicePath S, string Id)> BreachPostedAsync(SyncHarness h)
    {
        var s = new ServicePath(h);
        var id = s.Case("SpecialService", Local(2, 8), c => { c["OwnerId"] = User(8); c["AccountId"] = KeyAccount; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(Local(3, 9) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(h.Emulator.Feed(id)); // the breach
        return (s, id);
    }

    private static Task<SyncHarness> StartAsync(string provider) =>
        SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCase"] = "20" }, provider);

    /// <summary>The breach of <see cref="BreachPostedAsync"/>; the agent answers at 10:30 or not, and the cycle runs every two hours until the evening.</summary>
    private static async Task<(List<string> Posts, List<(string Detail, long Settled, object? Cleared)> Rows)> RunAsync(string provider, bool answered)
    {
        await using var h = await StartAsync(provider);
        var (s, id) = await BreachPostedAsync(h);
        if (answered)
        {
            h.Salesforce.Time.Advance(Local(3, 10, 30) - h.Salesforce.Time.GetUtcNow());
            s.Email(id, false, Local(3, 10, 30), "compras@calcados.example", byId: User(8));
        }

        for (var hour = 11; hour <= 17; hour += 2)
        {
            h.Salesforce.Time.Advance(Local(3, hour) - h.Salesforce.Time.GetUtcNow());
            Assert.True(await h.Cycle.RunOnceAsync(default));
        }

        // Oldest first; SS-01's own (the case's other rules post too).
        var posts = h.Emulator.Feed(id).AsEnumerable().Reverse().Select(p => p!["body"]!["text"]!.GetValue<string>())
            .Where(t => t.Contains("primeira resposta", StringComparison.Ordinal)).ToList();
        var rows = (await h.Store.QueryAsync($"SELECT detail, settled, cleared_at FROM findings WHERE case_id = '{id}' AND rule_id = 'SS-01'", default))
            .Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), r[2])).ToList();
        return (posts, rows);
    }
}
