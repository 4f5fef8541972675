using System.Text.Json.Nodes;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>Case text written to mislead (bidi overrides, invisible characters, emoji at the cut) reaches Chatter harmless, on the real path.</summary>
public sealed class HostileCaseTextTests
{
    /// <summary>
    /// What one cycle posted on the escalated GSO case <paramref name="shape"/> writes: the text of every segment, the kinds of
    /// segment Chatter made of the posts, each post's text, and how many alerts the outbox marked sent.
    /// </summary>
    private static async Task<(string SegmentsText, string[] SegmentTypes, List<string> Posts, int Sent)> PostedAsync(Action<JsonObject> shape)
    {
        var (h, id) = await ServicePath.EscalatedGsoCaseAsync(shape);
        await using var _h = h;
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var feed = h.Emulator.Feed(id);
        var segments = feed.SelectMany(p => p["body"]!["messageSegments"]!.AsArray()).ToList();
        return (string.Concat(segments.Select(s => s!["text"]?.GetValue<string>() ?? "")),
            segments.Select(s => s!["type"]!.GetValue<string>()).Distinct().Order().ToArray(),
            feed.Select(p => p["body"]!["text"]!.GetValue<string>()).ToList(),
            await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND state = 'sent'"));
    }

    /// <summary>Every bidi control Unicode has, the Arabic letter mark and the invisible format characters most used to hide text.</summary>
    public static readonly string[] Invisible =
    [
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C",
        "\u200B", "\u2060", "\uFEFF", "\u00AD", "\U000E0041",
    ];

    [Fact]
    public async Task HostileSubject_ReachesTheChatterPostWithoutBidiOrInvisibleCharacters_AndCutBetweenGraphemes()
    {
        // Reproduced: U+202E in a subject reached the post and reversed the rest of the alert on screen.
        var subject = "Boleto \u202Eodacilpud\u202C \u2066urgente\u2069\u200F\u200B " + string.Concat(Enumerable.Repeat("😀", 130));
        var (text, _, _, _) = await PostedAsync(c =>
        {
            c["Subject"] = subject;
            c["Categoria_Escalonamento__c"] = "Categoria \u202Einventada\u202C";
        });

        Assert.NotEmpty(text);
        Assert.DoesNotContain(Invisible, c => text.Contains(c, StringComparison.Ordinal));
        Assert.DoesNotContain('\uFFFD', text);
        Assert.DoesNotContain(text.Select((c, i) => (c, i)), x => char.IsSurrogate(x.c) && !char.IsSurrogatePair(text, x.i - (char.IsLowSurrogate(x.c) ? 1 : 0)));
        Assert.Contains("(Boleto odacilpud urgente " + string.Concat(Enumerable.Repeat("😀", 94)) + "…)", text, StringComparison.Ordinal); // 120 text elements
        Assert.Contains("Categoria inventada", text, StringComparison.Ordinal); // case text quoted in the detail is cleaned too
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ANulCharacterInCaseText_IsStored_AndTheCycleGoesOn(string provider)
    {
        // Reproduced (in review): PostgreSQL refuses U+0000 in text. A subject or an order number carrying one (JSON's "\u0000")
        // failed the case page's transaction, and then the sweep batch's, again on every run: the sync and the sweep stopped.
        var (h, id) = await ServicePath.EscalatedGsoCaseAsync(c =>
        {
            c["Subject"] = "Pedido\u0000 parado";
            c["Numero_Pedido__c"] = "48100\u0000221";
            c["Categoria_Escalonamento__c"] = "Liberação de pedido\u0000";
        }, provider);
        await using var _h = h;
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        var later = h.Salesforce.SeedCases(1, (_, c) => c["CaseNumber"] = "00002001");
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var posted = h.Emulator.Feed(id).Count;
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var posts = h.Emulator.Feed(id).Select(p => p["body"]!["text"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Contains("(Pedido parado)", p, StringComparison.Ordinal)); // the subject as stored and as read
        // A finding keyed by case text (GSO-01's by the category) is the same judged and stored: posted, not withdrawn as cleared.
        Assert.Contains(posts, p => p.Contains("a categoria \"Liberação de pedido\" não é uma das situações aceitas pelo GSO", StringComparison.Ordinal));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{later[0]}'")); // a case changed since is synced
        Assert.Equal(posted, posts.Count); // nothing posted again: the findings stored are the findings judged
    }

    [Fact]
    public async Task AHashtagInCaseText_DoesNotTagTheAlertsPost()
    {
        // Reproduced (in review): Chatter turns "#word" and "#[words]" in a Text segment into topics; a subject could tag
        // SfBridge's post, and an unclosed "#[" would run into the reference tag at its end.
        var (text, types, _, _) = await PostedAsync(c => c["Subject"] = "Pedido parado #[Supervisor incompetente] #urgente #[");

        Assert.Contains("Pedido parado ＃[Supervisor incompetente] ＃urgente ＃[", text, StringComparison.Ordinal);
        Assert.DoesNotContain('#', text);
        Assert.Equal(["Mention", "Text"], types);
    }

    [Fact]
    public async Task AnAddressInCaseText_DoesNotBecomeALinkInTheAlertsPost()
    {
        // Reproduced: Chatter parses links out of a Text segment, so an address in a subject or a category became a link in a
        // post by SfBridge, which lends it SfBridge's standing (a customer's "https://boleto-2via.example/pagar").
        var (text, types, _, _) = await PostedAsync(c =>
        {
            c["Subject"] = "Pague em https://boleto-2via.example/pagar ou WWW.segunda-via.example hoje";
            c["Categoria_Escalonamento__c"] = "ver http://x.example e ftp://y.example";
        });

        Assert.Contains("Pague em https[:]//boleto-2via.example/pagar ou WWW[.]segunda-via.example hoje", text, StringComparison.Ordinal);
        Assert.Contains("ver http[:]//x.example e ftp[:]//y.example", text, StringComparison.Ordinal);
        Assert.Equal(["Mention", "Text"], types);
    }

    [Fact]
    public async Task CaseTextWithLineBreaksOrAReference_IsQuotedOnOneLine_AndCannotPassForAnAlertsReference()
    {
        // Reproduced (in review): a category with a line break split its alert's line in a post listing several; and a subject
        // holding "[SFB-…]" put a reference into SfBridge's post that a new state database would take for an alert already posted.
        var (_, _, posts, sent) = await PostedAsync(c =>
        {
            c["Subject"] = "Ver [SFB-ABCDEFGHJK] e [sfb-abcdefghjk]";
            c["Categoria_Escalonamento__c"] = "Categoria\ninventada";
        });

        Assert.Equal(sent, posts.Sum(p => System.Text.RegularExpressions.Regex.Count(p, @"\[SFB-")));
        Assert.Contains(posts, p => p.Contains("(SFB-ABCDEFGHJK] e (SFB-abcdefghjk]", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Contains("\"Categoria inventada\"", StringComparison.Ordinal));
    }
}
