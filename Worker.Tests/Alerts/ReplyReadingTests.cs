using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Alerts;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// Replies to alert posts: anyone a post mentions may acknowledge it; "adiar" snoozes for one to thirty days' worth of
/// minutes, hours or days and nothing else; the acknowledge words are whole words at the start of the reply, however
/// the setting spaces or separates them.
/// </summary>
public sealed class ReplyReadingTests
{
    /// <summary>A Pit Stop case of the IS tier owned by Otávio (User 14), breached and posted at 09:00: the case, its post and the PIT-01 breach key.</summary>
    private static async Task<(SyncHarness H, string Case, string Post, string BreachKey)> PostedAsync(IDictionary<string, string?>? settings = null)
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly }, settings);
        var id = new ServicePath(h).Case("PitStop", Local(2, 8), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "IS"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var post = Assert.Single(h.Emulator.Feed(id))["id"]!.GetValue<string>();
        var key = (string)(await h.Store.QueryAsync($"SELECT breach_key FROM findings WHERE case_id = '{id}' AND rule_id = 'PIT-01' AND kind = 'sla-breach'", default)).Single()[0]!;
        return (h, id, post, key);
    }

    private static void Reply(SyncHarness h, string caseId, string post, string text, string by, bool richText = false)
    {
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Org.Insert("FeedComment", new JsonObject
        {
            ["FeedItemId"] = post, ["ParentId"] = caseId, ["CommentBody"] = text, ["CreatedById"] = by,
            ["CreatedDate"] = Rest(h.Salesforce.Time.GetUtcNow()), ["CommentType"] = "TextComment", ["IsRichText"] = richText,
        });
    }

    private static Task<(int Acknowledged, int Snoozed)> ReadRepliesAsync(SyncHarness h) =>
        h.Salesforce.Services.GetRequiredService<AcknowledgementReader>().RunAsync(default);

    [Fact]
    public async Task APostMentioningTwoPeople_IsAcknowledgedByEitherOfThem()
    {
        var (h, id, _, key) = await PostedAsync();
        await using var _h = h;
        // A reminder that calls the owner and the technical manager (Carlos, User 4) together.
        var reminder = new Alert(Alert.ReferenceFor(key, 1), key, id, "PIT-01", 1, 2, AlertPurpose.Reminder, AlertState.Pending,
            "Bom dia! Lembrete: o caso segue sem resolução no SLA IS.", [User(14), User(4)], null, 0, h.Salesforce.Time.GetUtcNow(), null);
        await h.Store.EnqueueAsync([reminder], default);
        await h.Dispatcher.RunAsync(default);
        var post = h.Emulator.Feed(id).Single(p => p["body"]!["text"]!.GetValue<string>().Contains(reminder.Reference, StringComparison.Ordinal))["id"]!.GetValue<string>();

        Reply(h, id, post, "Ok, falo com o cliente agora.", User(4));

        Assert.Equal((1, 0), await ReadRepliesAsync(h));
        var ack = (await h.Store.QueryAsync($"SELECT acknowledged_by FROM findings WHERE breach_key = '{key}'", default)).Single();
        Assert.Equal(User(4), (string)ack[0]!);
    }

    [Fact]
    public async Task AReplyInAPostCarryingSeveralAlerts_AcknowledgesOnlyThoseThatMentionItsAuthor()
    {
        // Reproduced: one "ok" acknowledged every alert a post carried, so a person answering for their own alert stopped the
        // reminders of another one, about someone else's work.
        var (h, id, _, key) = await PostedAsync();
        await using var _h = h;
        var other = key + "|other";
        // A second open finding on the case, of another rule, copied from the first.
        await h.Store.QueryAsync($"""
            CREATE TEMP TABLE copied AS SELECT * FROM findings WHERE breach_key = '{key}';
            UPDATE copied SET breach_key = '{other}', rule_id = 'PIT-04';
            INSERT INTO findings SELECT * FROM copied;
            """, default);
        var now = h.Salesforce.Time.GetUtcNow();
        Alert Reminder(string breach, string rule, string whom) =>
            new(Alert.ReferenceFor(breach, 1), breach, id, rule, 1, 2, AlertPurpose.Reminder, AlertState.Pending, "Bom dia! Lembrete.", [whom], null, 0, now, null);
        await h.Store.EnqueueAsync([Reminder(key, "PIT-01", User(14)), Reminder(other, "PIT-04", User(4))], default);
        await h.Dispatcher.RunAsync(default);
        var post = Assert.Single(h.Emulator.Feed(id), p => p["body"]!["text"]!.GetValue<string>().Contains(Alert.ReferenceFor(other, 1), StringComparison.Ordinal));
        Assert.Contains(Alert.ReferenceFor(key, 1), post["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal); // one post carries both

        Reply(h, id, post["id"]!.GetValue<string>(), "Ok, estou vendo.", User(4));

        Assert.Equal((1, 0), await ReadRepliesAsync(h));
        var acknowledged = (await h.Store.QueryAsync($"SELECT breach_key, acknowledged_by FROM findings WHERE case_id = '{id}' ORDER BY breach_key", default))
            .ToDictionary(r => (string)r[0]!, r => r[1] as string);
        Assert.Equal(User(4), acknowledged[other]);
        Assert.Null(acknowledged[key]); // the owner's alert still stands: its reminders go on
    }

    [Fact]
    public async Task Adiar_SnoozesForUpToThirtyDays_NotZeroNotMore_AndOnlyAsAWholeWord()
    {
        var (h, id, post, key) = await PostedAsync();
        await using var _h = h;
        Reply(h, id, post, "adiar 0h", User(14));
        Reply(h, id, post, "adiar 31 dias", User(14));
        Reply(h, id, post, "o laudo vai irradiar 2 horas de espera", User(14));
        Reply(h, id, post, "adiar 30 dias, cliente viajando", User(14));
        var at = h.Salesforce.Time.GetUtcNow();

        Assert.Equal((0, 1), await ReadRepliesAsync(h));
        var until = (string)(await h.Store.QueryAsync($"SELECT snoozed_until FROM findings WHERE breach_key = '{key}'", default)).Single()[0]!;
        Assert.Equal(at.AddDays(30), DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AcknowledgeWords_SpacedOrWithEmptyEntries_StillOnlyMatchAWordAtTheStart()
    {
        var (h, id, post, key) = await PostedAsync(new Dictionary<string, string?> { ["Alerts:AcknowledgeWords"] = " Ciente | ok || " });
        await using var _h = h;
        Reply(h, id, post, "não está ok, o cliente reclamou de novo", User(14));
        Reply(h, id, post, "Ciente, verificando.", User(14));
        var at = h.Salesforce.Time.GetUtcNow();

        Assert.Equal((1, 0), await ReadRepliesAsync(h));
        var acknowledged = (string)(await h.Store.QueryAsync($"SELECT acknowledged_at FROM findings WHERE breach_key = '{key}'", default)).Single()[0]!;
        Assert.Equal(at, DateTimeOffset.Parse(acknowledged, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("<p>Ok</p>", 1, 0)]
    [InlineData("<p><b>Ciente</b>, verificando.</p>", 1, 0)]
    [InlineData("<p>&nbsp;Visto&nbsp;</p>", 1, 0)]
    [InlineData("<p>adiar 2h</p>", 0, 1)]
    [InlineData("<p>n&atilde;o est&aacute; ok</p>", 0, 0)]
    public async Task AReplyWrittenInLightning_StoredAsRichText_IsReadAsItsText(string body, int acknowledged, int snoozed)
    {
        // Reproduced: "Ok" replied from Lightning's comment box is stored as "<p>Ok</p>" with IsRichText; the tag stood before the
        // word, the reply acknowledged nothing, and the reminders climbed to the manager.
        var (h, id, post, _) = await PostedAsync(new Dictionary<string, string?> { ["Alerts:AcknowledgeWords"] = "ok|ciente|visto" });
        await using var _h = h;
        Reply(h, id, post, body, User(14), richText: true);

        Assert.Equal((acknowledged, snoozed), await ReadRepliesAsync(h));
    }
}
