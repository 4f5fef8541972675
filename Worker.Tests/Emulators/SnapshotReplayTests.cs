using SfBridge.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Emulators;

public sealed class SnapshotReplayTests
{
    [Fact]
    public async Task ShiftDateTimes_MovesEveryDateTimeOfEveryRecord_LeavesOtherValues_AndQueriesStillFindRecords()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { SnapshotPath = RepoPaths.SampleOrg });
        var soql = Soql.Create($"SELECT Id, CreatedDate, Retorno__c, (SELECT CreatedDate FROM CaseComments) FROM Case WHERE CaseNumber = {"00004004"}");
        var before = await h.Client.QueryAsync(soql).SingleAsync();

        h.Emulator.Org.ShiftDateTimes(TimeSpan.FromDays(280));
        var after = await h.Client.QueryAsync(soql).SingleAsync();

        Assert.Equal(before.GetDateTime("CreatedDate")!.Value.AddDays(280), after.GetDateTime("CreatedDate"));
        Assert.Equal(before.Children("CaseComments").Single().GetDateTime("CreatedDate")!.Value.AddDays(280), after.Children("CaseComments").Single().GetDateTime("CreatedDate"));
        Assert.Equal("04/03/2026", after.GetString("Retorno__c"));
    }
}
