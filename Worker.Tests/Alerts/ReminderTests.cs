using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

public sealed class ReminderTests
{
    private const string GsoQueue = "00GSB0000000002YAA"; // mentions.csv: level 1 Rafael Lima (Analista GSO), level 2 Eduardo Santos
    private const string Rafael = "005SB0000000002YAA";
    private const string Eduardo = "005SB0000000013YAA";

    private static List<string> Mentioned(JsonObject post) => post["body"]!["messageSegments"]!.AsArray()
        .Where(s => s!["type"]!.GetValue<string>() == "Mention").Select(s => s!["record"]!["id"]!.GetValue<string>()).ToList();

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task OpenBreach_GetsRemindersThatClimbToTheNextLevel_ThenAResolutionNote(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var caseId = await BreachRemindedThreeTimesAsync(h, eduardoActive: true);

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(30));
        await h.Cycle.RunOnceAsync(default); // not due yet: no fifth post
        var beforeFix = h.Emulator.Feed(caseId).Count;
        // The supervisor corrects the tier (the case was never an IS): the breach no longer holds.
        h.Emulator.Org.Update(caseId, new JsonObject { ["Nivel_SLA__c"] = "72 Horas" });
        await h.Cycle.RunOnceAsync(default);
        var afterFix = h.Emulator.Feed(caseId).Count;
        h.Emulator.Org.Update(caseId, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = SalesforceDateTime.FormatRest(h.Salesforce.Time.GetUtcNow()) });
        await h.Cycle.RunOnceAsync(default);

        var posts = h.Emulator.Feed(caseId).AsEnumerable().Reverse().ToList(); // oldest first
        Assert.Equal(4, beforeFix);
        Assert.Equal(5, afterFix);
        Assert.Equal(5, posts.Count); // closing resolves nothing: no note, and the case is done
        Assert.Equal([Rafael], Mentioned(posts[0]));
        Assert.Contains("Lembrete — o caso 00001000", posts[1]["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal); // reminder templates
        // Never the previous post's template, the greeting aside (an sla-breach has one reminder template of its own; the
        // general ones take turns with it, so two reminders of the same afternoon are not the same post).
        static string Wording(JsonNode post) => post["body"]!["text"]!.GetValue<string>() is var t ? t[t.IndexOf('!', StringComparison.Ordinal)..][..16] : "";
        Assert.NotEqual(Wording(posts[1]), Wording(posts[2]));
        Assert.NotEqual(Wording(posts[2]), Wording(posts[3]));
        Assert.Equal([Rafael], Mentioned(posts[2])); // two reminders at level 1
        Assert.Equal([Eduardo], Mentioned(posts[3])); // then the manager
        Assert.Matches("(A pendência do caso 00001000 foi resolvida|Tudo certo com o caso 00001000)", posts[4]["body"]!["text"]!.GetValue<string>()); // resolution templates
    }

    [Fact]
    public async Task AReminderClimbingToAManagerWhoLeft_TellsTheLevelBelow_NotNobody()
    {
        // Reproduced: with Eduardo Santos (level 2 of the GSO queue's route) deactivated, the third reminder mentioned nobody,
        // and Rafael Lima, active and still responsible, was dropped.
        await using var h = await SyncHarness.StartAsync();
        var caseId = await BreachRemindedThreeTimesAsync(h, eduardoActive: false);

        var posts = h.Emulator.Feed(caseId).AsEnumerable().Reverse().ToList(); // oldest first
        Assert.Equal(4, posts.Count);
        Assert.All(posts, p => Assert.Equal([Rafael], Mentioned(p)));
    }

    /// <summary>A Pit Stop "IS" case held by the GSO queue breaches after 30 minutes and is reminded three times, two hours apart.</summary>
    private static async Task<string> BreachRemindedThreeTimesAsync(SyncHarness h, bool eduardoActive)
    {
        h.Emulator.Org.Insert("User", new JsonObject { ["Id"] = Rafael, ["Name"] = "Rafael Lima", ["IsActive"] = true, ["UserType"] = "Standard" });
        h.Emulator.Org.Insert("User", new JsonObject { ["Id"] = Eduardo, ["Name"] = "Eduardo Santos", ["IsActive"] = eduardoActive, ["UserType"] = "Standard" });
        h.Emulator.Org.Insert("Group", new JsonObject { ["Id"] = GsoQueue, ["Name"] = "GSO", ["DeveloperName"] = "GSO", ["Type"] = "Queue" });
        var caseId = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["Id"] = "500SB0000007777YAA";
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["OwnerId"] = GsoQueue;
        })[0];
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.Cycle.RunOnceAsync(default); // the breach
        for (var i = 0; i < 3; i++)
        {
            h.Salesforce.Time.Advance(TimeSpan.FromHours(2));
            await h.Cycle.RunOnceAsync(default); // reminders 1, 2, 3
        }

        return caseId;
    }
}
