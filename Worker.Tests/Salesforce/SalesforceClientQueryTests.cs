using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceClientQueryTests
{
    [Fact]
    public async Task QueryAsync_ResultOverFourPages_FollowsNextRecordsUrlAndYieldsEveryRecordOnce()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(650);

        var seen = await h.Client.QueryAsync(Soql.Create($"SELECT Id, CaseNumber FROM Case WHERE IsClosed = {false} ORDER BY CaseNumber"),
            new QueryOptions { BatchSize = 200 }).Select(r => r.Id!).ToListAsync();

        Assert.Equal(ids, seen);
        Assert.Equal(1, h.Emulator.Requests.Count("query"));
        Assert.Equal(3, h.Emulator.Requests.Count("queryMore"));
        Assert.All(h.Emulator.Requests.All.Where(r => r.Endpoint.StartsWith("query", StringComparison.Ordinal)),
            r => Assert.Equal("batchSize=200", r.QueryOptions));
        h.AssertNoSecretsLogged();
    }
}
