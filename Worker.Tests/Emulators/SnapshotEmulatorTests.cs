using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Emulators;

public sealed class SnapshotEmulatorTests
{
    [Fact]
    public async Task SampleSnapshot_CasesWithChildrenAndParents_AnswerQueriesAsTheOrgWould()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { SnapshotPath = RepoPaths.SampleOrg });

        var gso = await h.Client.QueryAsync(Soql.Create(
                $"SELECT Id, CaseNumber, RecordType.DeveloperName, Owner.Name, Origin, (SELECT CommentBody FROM CaseComments), (SELECT Id FROM ContentDocumentLinks) FROM Case WHERE RecordType.DeveloperName = {"GSO"} ORDER BY CaseNumber"))
            .ToListAsync();

        Assert.Equal(["00001001", "00001002", "00001003", "00001004", "00001005", "00001006", "00001007"], gso.Select(c => c.GetString("CaseNumber")));
        Assert.Equal("Supervisor EPS", gso[0].GetString("Owner.Name"));
        Assert.Contains("Pedido 48213977", gso[0].Children("CaseComments").Single().GetString("CommentBody"), StringComparison.Ordinal);
        Assert.Single(gso[0].Children("ContentDocumentLinks"));
        Assert.Empty(gso[1].Children("ContentDocumentLinks"));
    }

    [Fact]
    public async Task ContentDocumentLink_TopLevelWithoutIdFilter_IsRefusedLikeTheRealOrg()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { SnapshotPath = RepoPaths.SampleOrg });
        var caseId = (await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE CaseNumber = {"00001001"}")).SingleAsync()).Id!;

        var refused = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM ContentDocumentLink")).CountAsync());
        var allowed = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId IN {new[] { caseId }}")).CountAsync();

        Assert.Equal("MALFORMED_QUERY", refused.ErrorCode);
        Assert.Contains("Implementation restriction: ContentDocumentLink requires a filter", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, allowed);
    }

    [Fact]
    public async Task Snapshot_SfCliJsonEnvelope_IsAcceptedToo()
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-snapshot-").FullName;
        try
        {
            var records = new JsonArray(new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = "Case" },
                ["Id"] = "500SB0000009001AAA",
                ["Subject"] = "Exportado com sf data query --json",
            });
            var envelope = new JsonObject { ["status"] = 0, ["result"] = new JsonObject { ["totalSize"] = 1, ["done"] = true, ["records"] = records } };
            await File.WriteAllTextAsync(Path.Combine(folder, "Case.json"), envelope.ToJsonString());
            await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { SnapshotPath = folder });

            var subject = (await h.Client.QueryAsync(Soql.Create($"SELECT Subject FROM Case")).SingleAsync()).GetString("Subject");

            Assert.Equal("Exportado com sf data query --json", subject);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EmulatorCommand_WithoutTheEmulatorVerb_PrintsUsage()
    {
        var exit = await EmulatorCommand.RunAsync(["--port", "1"]);

        Assert.Equal(2, exit);
    }
}
