using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Alerts;
using SfBridge.Rules;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// The morning summary lists one line per open finding, at most 60 (the opening gives the full count and a last line
/// says there is more), is queued once per team and day, and a team with nothing open gets no post.
/// </summary>
public sealed class MorningSummaryTests
{
    private const string EpsGroup = "0F9SB00000000020AA"; // summaries.csv: Supervisão EPS, calendar gso, pack gso
    private const string PitStopGroup = "0F9SB00000000010AA";

    private static Task<SyncHarness> StartAsync() =>
        SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });

    private static async Task SyncAndSweepAsync(SyncHarness h)
    {
        foreach (var job in new[] { SfBridge.Sync.Cycle.CaseSync, SfBridge.Sync.Cycle.OmniChannelSync, SfBridge.Sync.Cycle.SlaSweep })
        {
            Assert.True(await h.Cycle.RunJobAsync(job, default));
        }
    }

    /// <summary>The open findings of the gso pack, in the summary's order: the start of each line.</summary>
    private static async Task<List<string>> OpenGsoLinesAsync(SyncHarness h) =>
        (await h.Store.QueryAsync("""
            SELECT case_number, detail FROM findings WHERE cleared_at IS NULL AND pack = 'gso' AND severity IN ('critical', 'breach', 'warning')
            ORDER BY pack, first_seen, case_number, rule_id
            """, default)).Select(r => $"• GSO, caso {(string)r[0]!} — {(string)r[1]!}").ToList();

    private static void AssertLine(string expectedStart, string line) =>
        Assert.True(Regex.IsMatch(line, "^" + Regex.Escape(expectedStart) + @"( \((prazo vencido em|vence em) \d{2}/\d{2}/\d{4} \d{2}:\d{2}\))?$"), $"{expectedStart} | {line}");

    [Fact]
    public async Task ASummaryListsEveryOpenFinding_OneLineEach_QueuedOncePerDay()
    {
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        s.Case("GSO", Local(27, 10, month: 2), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        s.Case("GSO", Local(2, 8, 30), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        await SyncAndSweepAsync(h); // Monday 09:00: the GSO team's day has started
        var expected = await OpenGsoLinesAsync(h);
        var summaries = h.Salesforce.Services.GetRequiredService<MorningSummary>();

        Assert.Equal(1, await summaries.RunAsync(default)); // the Pit Stop team has nothing open
        Assert.Equal(0, await summaries.RunAsync(default)); // once a day
        var row = Assert.Single(await h.Store.QueryAsync("SELECT case_id, rule_id, severity, case_number, reference, message FROM alerts WHERE purpose = 'summary'", default));
        Assert.Equal([EpsGroup, "summary", "info", "Supervisão EPS"], row.Take(4).Select(v => (string)v!));
        await h.Dispatcher.RunAsync(default);

        var text = Assert.Single(h.Emulator.Feed(EpsGroup))["body"]!["text"]!.GetValue<string>();
        Assert.Equal($"{(string)row[5]!} [{(string)row[4]!}]", text); // the post is the queued summary and its reference
        var lines = ((string)row[5]!).Split('\n');
        Assert.StartsWith($"Bom dia, Supervisão EPS! Há {expected.Count} pendências", lines[0], StringComparison.Ordinal);
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertLine(expected[i], lines[i + 1]);
        }

        Assert.Empty(h.Emulator.Feed(PitStopGroup));
    }

    [Fact]
    public async Task ADayWithNothingOpenAtItsFirstLook_GetsNoSummaryForABreachLaterThatDay_TheNextMorningDoes()
    {
        // Reproduced (in review): with nothing open at the opening, the first breach of the afternoon was announced at 14:10 as
        // "Boa tarde, equipe! Há 1 pendência em aberto", the day's summary, beside the breach's own post on the case.
        await using var h = await StartAsync();
        var summaries = h.Salesforce.Services.GetRequiredService<MorningSummary>();
        await SyncAndSweepAsync(h);
        Assert.Equal(0, await summaries.RunAsync(default)); // Monday 09:00: nothing open

        var s = new ServicePath(h);
        s.Case("GSO", Local(2, 9), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        h.Salesforce.Time.Advance(Local(2, 14, 10) - h.Salesforce.Time.GetUtcNow());
        await SyncAndSweepAsync(h); // GSO-04-EPS: late since 11:00
        Assert.NotEmpty(await OpenGsoLinesAsync(h));
        Assert.Equal(0, await summaries.RunAsync(default));

        h.Salesforce.Time.Advance(Local(3, 8, 5) - h.Salesforce.Time.GetUtcNow());
        await SyncAndSweepAsync(h);
        Assert.Equal(1, await summaries.RunAsync(default)); // Tuesday's summary lists it
        Assert.Equal(0, await summaries.RunAsync(default));
    }

    [Fact]
    public async Task ALookBeforeTheProcessHasSwept_IsNotTheDaysLook()
    {
        // Reproduced (in review): restarted at the opening after a night down, the worker's first dispatch looked before its first
        // sweep had recorded the breaches that came due overnight: nothing open, the day taken as looked at, no summary all day.
        await using var h = await StartAsync();
        new ServicePath(h).Case("GSO", Local(27, 10, month: 2), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.CaseSync, default));
        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.OmniChannelSync, default));
        var summaries = h.Salesforce.Services.GetRequiredService<MorningSummary>();
        Assert.Equal(0, await summaries.RunAsync(default)); // no sweep yet: nothing recorded as open

        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.SlaSweep, default));
        Assert.Equal(1, await summaries.RunAsync(default));
    }

    [Fact]
    public async Task RestartedAtTheOpening_TheSummaryWaitsForASweepAfterTheCaseSync_NotListingWhatClosedOvernight()
    {
        // Reproduced (in review): down overnight and restarted at 08:00, the worker's first dispatch built the summary from the
        // ledger as it stood when it went down: a case closed at 22:00 was listed as an open pendência, once, for the whole day.
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("GSO", Local(27, 10, month: 2), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        await SyncAndSweepAsync(h);
        Assert.NotEmpty(await OpenGsoLinesAsync(h)); // Monday: open

        h.Salesforce.Time.Advance(Local(2, 22) - h.Salesforce.Time.GetUtcNow());
        s.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(Local(2, 22)) });
        await h.Salesforce.RestartAsync(); // down overnight
        h.Salesforce.Time.Advance(Local(3, 8, 1) - h.Salesforce.Time.GetUtcNow());
        var summaries = h.Salesforce.Services.GetRequiredService<MorningSummary>();

        var beforeTheSync = await summaries.RunAsync(default); // the dispatch ran first
        await SyncAndSweepAsync(h);
        var after = await h.Salesforce.Services.GetRequiredService<MorningSummary>().RunAsync(default);

        Assert.Equal((0, 0), (beforeTheSync, after));
        Assert.Empty(await OpenGsoLinesAsync(h));
        Assert.Empty(await h.Store.QueryAsync("SELECT reference FROM alerts WHERE purpose = 'summary'", default));
    }

    [Fact]
    public async Task ASummaryThatCouldNotGoOutOnItsDay_IsWithdrawn_TheNextDaysTellsHowThingsStand()
    {
        // Reproduced (in review): a summary kept queued by an outage went out days later with the count and the lines of its day.
        await using var h = await StartAsync();
        new ServicePath(h).Case("GSO", Local(27, 10, month: 2), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "chatter-post", Times: 1_000));
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "chatter-batch", Times: 1_000));
        Assert.False(await h.Cycle.RunOnceAsync(default)); // Monday 09:00: the summary is queued, Chatter turns every post away
        var monday = (string)Assert.Single(await h.Store.QueryAsync("SELECT reference FROM alerts WHERE purpose = 'summary'", default))[0]!;

        h.Emulator.Faults.Clear();
        h.Salesforce.Time.Advance(Local(3, 8, 5) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var post = Assert.Single(h.Emulator.Feed(EpsGroup))["body"]!["text"]!.GetValue<string>();
        Assert.DoesNotContain(monday, post, StringComparison.Ordinal);
        Assert.Equal("withdrawn", (await h.Store.QueryAsync($"SELECT state FROM alerts WHERE reference = '{monday}'", default))[0][0]);
    }

    [Fact]
    public async Task TwoTeamsSharingAChatterGroup_EachGetTheirSummary()
    {
        // Reproduced: the summary's key was the group and the day, so the second team's summary collided with the first's and
        // was dropped without a word, every day; kept, the two went out as one post about a "case" named after the first team.
        var mappings = Fixtures.MappingsCopy.With("summaries.csv", t => t.TrimEnd('\n') + $"\nCoordenação GSO,{EpsGroup},gso,gso\n");
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Mappings:Path"] = mappings });
        new ServicePath(h).Case("GSO", Local(2, 8, 30), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        await SyncAndSweepAsync(h);
        var summaries = h.Salesforce.Services.GetRequiredService<MorningSummary>();

        Assert.Equal(2, await summaries.RunAsync(default));
        Assert.Equal(0, await summaries.RunAsync(default)); // still once a day each
        var keys = (await h.Store.QueryAsync("SELECT breach_key FROM alerts WHERE purpose = 'summary' ORDER BY breach_key", default)).Select(r => (string)r[0]!);
        // The group's first team keeps the key a summary always had, so a summary posted before an upgrade is not posted again.
        Assert.Equal([$"summary|{EpsGroup}|2026-03-02", $"summary|{EpsGroup}|Coordenação GSO|2026-03-02"], keys);
        await h.Dispatcher.RunAsync(default);

        var texts = h.Emulator.Feed(EpsGroup).Select(p => p!["body"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("Bom dia, Supervisão EPS!", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Bom dia, Coordenação GSO!", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABreachMetLate_IsNotListedAsPending()
    {
        // Routed to GSO at 08:40 (due 09:40) and accepted at 10:25: the breach happened and is on record, but nothing is left to do.
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("GSO", Local(2, 8, 30), c => { c["OwnerId"] = Queues.Gso; c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        s.Pending(id, Queues.Gso, Local(2, 8, 40));
        await SyncAndSweepAsync(h);
        h.Salesforce.Time.Advance(Local(2, 10, 30) - h.Salesforce.Time.GetUtcNow());
        s.Accepted(id, Queues.Gso, User(2), Local(2, 10), Local(2, 10, 25));
        await SyncAndSweepAsync(h);
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-04' AND settled = 1 AND cleared_at IS NULL"));
        var open = await h.ScalarAsync("SELECT COUNT(*) FROM findings WHERE cleared_at IS NULL AND settled = 0 AND pack = 'gso' AND severity IN ('critical', 'breach', 'warning')");

        await h.Salesforce.Services.GetRequiredService<MorningSummary>().RunAsync(default);

        var message = (string)Assert.Single(await h.Store.QueryAsync("SELECT message FROM alerts WHERE purpose = 'summary'", default))[0]!;
        Assert.DoesNotContain("aceito no Omni-Channel só em", message, StringComparison.Ordinal);
        Assert.Equal(2, open); // the case's other open findings, the GSO-04 met late aside
        Assert.StartsWith("Bom dia, Supervisão EPS! Há 2 pendências em aberto", message, StringComparison.Ordinal);
        Assert.Equal(2, message.Split('\n').Length - 1);
    }

    [Fact]
    public async Task MoreThanSixtyOpenFindings_ListsTheOldestSixty_AndSaysThereIsMore()
    {
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        for (var i = 0; i < 61; i++)
        {
            s.Case("GSO", Local(2, 7, i % 60), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        }

        await SyncAndSweepAsync(h);
        var expected = await OpenGsoLinesAsync(h);
        Assert.True(expected.Count > 60, $"{expected.Count} open findings");

        Assert.Equal(1, await h.Salesforce.Services.GetRequiredService<MorningSummary>().RunAsync(default));

        var lines = ((string)(await h.Store.QueryAsync("SELECT message FROM alerts WHERE purpose = 'summary'", default)).Single()[0]!).Split('\n');
        Assert.StartsWith($"Bom dia, Supervisão EPS! Há {expected.Count} pendências", lines[0], StringComparison.Ordinal);
        Assert.Equal(62, lines.Length); // the opening, sixty findings, and the line that says there is more
        for (var i = 0; i < 60; i++)
        {
            AssertLine(expected[i], lines[i + 1]);
        }

        Assert.Equal("• …", lines[^1]);
    }

    [Fact]
    public async Task AMorningWithNothingOpen_PostsNoSummary()
    {
        await using var h = await StartAsync();
        await SyncAndSweepAsync(h); // Monday 09:00, both teams at work, no case

        Assert.Equal(0, await h.Salesforce.Services.GetRequiredService<MorningSummary>().RunAsync(default));
        await h.Dispatcher.RunAsync(default);

        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM alerts"));
        Assert.Empty(h.Emulator.Feed(EpsGroup));
        Assert.Empty(h.Emulator.Feed(PitStopGroup));
    }

    [Fact]
    public async Task ExactlySixtyOpenFindings_AreAllListed_WithoutTheLineThatSaysThereIsMore()
    {
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        for (var i = 0; i < 20; i++) // three open findings each (checked below)
        {
            s.Case("GSO", Local(2, 7, i), c => { c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = "Cancelamento de pedido"; });
        }

        await SyncAndSweepAsync(h);
        Assert.Equal(60, (await OpenGsoLinesAsync(h)).Count);

        Assert.Equal(1, await h.Salesforce.Services.GetRequiredService<MorningSummary>().RunAsync(default));

        var lines = ((string)(await h.Store.QueryAsync("SELECT message FROM alerts WHERE purpose = 'summary'", default)).Single()[0]!).Split('\n');
        Assert.Equal(61, lines.Length);
        Assert.DoesNotContain("• …", lines);
    }
}
