using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceChatterTests
{
    [Fact]
    public async Task PostFeedElementAsync_MentionSegments_ResolveToTheRightUserAndGroup()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var supervisor = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Outra Pessoa", ["IsActive"] = true });
        var group = h.Emulator.Org.Insert("CollaborationGroup", new JsonObject { ["Name"] = "Apoio Gestão" });
        var caseId = h.SeedCases(1)[0];

        var post = ChatterPost.For(caseId).Text("Olá ").Mention(MentionTarget.Create(supervisor)).Text(" e ")
            .Mention(MentionTarget.Create(group)).Text(", o caso passou do SLA.");
        var element = await h.Client.PostFeedElementAsync(post, default);

        var mentions = element.Body!.MessageSegments.Where(s => s.Type == "Mention").ToList();
        Assert.Equal([supervisor, group], mentions.Select(m => m.Record!.Id));
        Assert.Equal(["Marina Costa", "Apoio Gestão"], mentions.Select(m => m.Name));
        Assert.Equal("Olá @Marina Costa e @Apoio Gestão, o caso passou do SLA.", element.Body.Text);
        Assert.Equal(caseId, element.Parent!.Id);
        Assert.Equal(SalesforceHarness.Start, element.CreatedDate); // Connect dates end in Z
        Assert.Equal(element.Id, Assert.Single(h.Emulator.Feed(caseId))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostFeedElementAsync_CaseTextWithAtSignsAndMarkup_StaysPlainText()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var marina = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var caseId = h.SeedCases(1)[0];
        const string subject = "@Marina Costa <b>URGENTE</b> <script>alert(1)</script> &amp; {\"type\":\"Mention\",\"id\":\"005EM0000000001\"}";

        var element = await h.Client.PostFeedElementAsync(ChatterPost.For(caseId).Text("Assunto: " + subject), default);

        var segment = Assert.Single(element.Body!.MessageSegments);
        Assert.Equal("Text", segment.Type);
        Assert.Equal("Assunto: " + subject, segment.Text);
        Assert.False(element.Body.IsRichText);
        Assert.DoesNotContain(h.Emulator.Feed(caseId).Single()["body"]!["messageSegments"]!.AsArray(),
            s => s!["type"]!.GetValue<string>() == "Mention" || s["record"]?["id"]?.GetValue<string>() == marina);
    }

    [Fact]
    public void ChatterPost_VeryLongCaseText_IsTrimmedToChattersLimitWithRoomForMentions()
    {
        var post = ChatterPost.For("500EM0000000001AAA").Mention(MentionTarget.Create("005EM0000000001AAA"))
            .Text(new string('x', 30_000)).Text(" e mais");

        var text = post.Segments.Where(s => s.Type == "Text").Sum(s => s.Text!.Length);
        Assert.True(text + ChatterPost.MentionReserve <= ChatterPost.MaxBodyLength);
        Assert.EndsWith("…", post.Segments[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatterPost_ControlCharacters_AreDroppedButLineBreaksKept()
    {
        var post = ChatterPost.For("500EM0000000001AAA").Text("linha 1\r\nlinha 2\u0000\u001b[31m");

        Assert.Equal("linha 1\nlinha 2[31m", post.Segments.Single().Text);
    }

    [Fact]
    public void ChatterPost_CutAtChattersLimit_NeverSplitsASurrogatePair()
    {
        // Reproduced: the cut fell between the two halves of an emoji and Chatter showed U+FFFD.
        var post = ChatterPost.For("500EM0000000001AAA").Text(new string('x', ChatterPost.MaxBodyLength - 2) + "😀😀");

        var text = post.Segments.Single().Text!;
        Assert.Equal(new string('x', ChatterPost.MaxBodyLength - 2) + "…", text);
    }

    [Fact]
    public void ChatterPost_CutAtChattersLimit_KeepsAnEmojiSequenceWholeOrDropsIt()
    {
        const string family = "👨‍👩‍👧"; // one text element of eight UTF-16 units
        var post = ChatterPost.For("500EM0000000001AAA").Text(new string('x', ChatterPost.MaxBodyLength - 5) + family);

        Assert.Equal(new string('x', ChatterPost.MaxBodyLength - 5) + "…", post.Segments.Single().Text);
    }

    [Fact]
    public void ChatterPost_BidiAndInvisibleFormatCharacters_NeverReachTheBody()
    {
        var hostile = "Boleto \u202Eodacilpud\u202C \u2066isolado\u2069 \u200Emarca\u200F \u061Carabe \u200Bzw \u2060wj \uFEFFbom \U000E0041tag \uD83D";

        var text = ChatterPost.For("500EM0000000001AAA").Text(hostile).Segments.Single().Text;

        Assert.Equal("Boleto odacilpud isolado marca arabe zw wj bom tag ", text);
    }

    [Fact]
    public void ChatterPost_JoinersThatScriptsAndEmojiNeed_AreKept()
    {
        const string text = "👨‍👩‍👧 می‌خواهم";

        Assert.Equal(text, ChatterPost.For("500EM0000000001AAA").Text(text).Segments.Single().Text);
    }

    [Fact]
    public void ChatterPost_TwentySixthMention_IsRefused()
    {
        var post = ChatterPost.For("500EM0000000001AAA");
        var users = Enumerable.Range(0, 26).Select(i => MentionTarget.Create($"005EM00000000{i:D2}")).ToList();

        post.Mentions(users.Take(25));

        Assert.Equal(25, post.MentionCount);
        Assert.Throws<InvalidOperationException>(() => post.Mention(users[25]));
    }

    [Theory]
    [InlineData("00GEM0000000001")]
    [InlineData("500EM0000000001")]
    [InlineData("@Marina Costa")]
    [InlineData("005EM00000000/1")]
    [InlineData("")]
    public void MentionTarget_AnythingButUsersAndChatterGroups_CannotBeMentioned(string id)
    {
        Assert.False(MentionTarget.TryCreate(id, out _));
        Assert.Throws<ArgumentException>(() => MentionTarget.Create(id));
    }

    [Fact]
    public async Task PostFeedElementsAsync_BatchWithOneFailingItem_ReportsOutcomePerPostInOrder()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var user = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var cases = h.SeedCases(3);
        h.Emulator.Faults.FailFeedPosts(cases[1], "INSUFFICIENT_ACCESS", "You don't have access to this record");
        var posts = cases.Select(c => ChatterPost.For(c).Mention(MentionTarget.Create(user)).Text(" alerta")).ToList();

        var outcomes = await h.Client.PostFeedElementsAsync(posts, default);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Success));
        Assert.Equal("INSUFFICIENT_ACCESS", outcomes[1].Errors.Single().Code);
        Assert.Equal(400, outcomes[1].StatusCode);
        Assert.Equal(cases[2], outcomes[2].FeedElement!.Parent!.Id);
        Assert.Single(h.Emulator.Feed(cases[0]));
        Assert.Empty(h.Emulator.Feed(cases[1]));
        Assert.Equal(1, h.Emulator.Requests.Count("chatter-batch"));
    }

    [Fact]
    public async Task PostFeedElementsAsync_501Posts_UsesTwoBatchCalls()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var caseId = h.SeedCases(1)[0];

        var outcomes = await h.Client.PostFeedElementsAsync(Enumerable.Range(0, 501).Select(i => ChatterPost.For(caseId).Text($"alerta {i}")).ToList(), default);

        Assert.Equal(501, outcomes.Count(o => o.Success));
        Assert.Equal(2, h.Emulator.Requests.Count("chatter-batch"));
    }

    [Fact]
    public async Task PostFeedElementAsync_ServiceUnavailable_IsNotRetriedBecauseThePostMayExist()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var caseId = h.SeedCases(1)[0];
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "chatter-post"));

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.PostFeedElementAsync(ChatterPost.For(caseId).Text("alerta"), default));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, h.Emulator.Requests.Count("chatter-post"));
    }

    [Fact]
    public async Task GetRecordFeedAsync_ManyPosts_ReadsNewestFirstAcrossPages()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var caseId = h.SeedCases(1)[0];
        for (var i = 0; i < 7; i++)
        {
            await h.Client.PostFeedElementAsync(ChatterPost.For(caseId).Text($"alerta {i} [SFB-{i}]"), default);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var feed = await h.Client.GetRecordFeedAsync(caseId, pageSize: 3).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"alerta {i} [SFB-{i}]"), feed.Select(f => f.Body!.Text));
        Assert.Equal(3, h.Emulator.Requests.Count("chatter-feed"));
    }
}
