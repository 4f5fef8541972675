using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Sync;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>A new state database learns SfBridge's earlier posts: the alert it adopts keeps the instant Chatter recorded, and the run says what it read.</summary>
public sealed class KnownPostsTests
{
    [Fact]
    public async Task ANewDatabase_AdoptsItsEarlierPost_AtTheInstantChatterRecordedIt()
    {
        await using var h = await SyncHarness.StartAsync();
        var owner = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var id = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["OwnerId"] = owner;
        })[0];
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var post = Assert.Single(h.Emulator.Feed(id));
        var postedAt = h.Emulator.Org.Find(post["id"]!.GetValue<string>())!["CreatedDate"]!.GetValue<string>();

        await h.LoseDatabaseAsync();
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Single(h.Emulator.Feed(id));
        var sentAt = (string)(await h.Store.QueryAsync("SELECT sent_at FROM alerts WHERE purpose = 'breach'", default)).Single()[0]!;
        Assert.Equal(SfBridge.Salesforce.SalesforceDateTime.Parse(postedAt), DateTimeOffset.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture));
        var read = h.Salesforce.Logs.WithEventName("KnownPostsRead").Last(); // the first start read none, the new database read the post
        Assert.Equal(("True", "30"), (read.Properties["UserKnown"].ToString(), read.Properties["Days"].ToString()));
        Assert.Equal("1", read.Properties["References"].ToString());
    }
}
