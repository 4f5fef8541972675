using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Benchmarks;

public sealed class OrgGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GeneratedOrg_SameSeed_SameFiles_OpenCasesOfEveryPack_ChildrenOnTheirCases_DistinctTexts()
    {
        var a = Directory.CreateTempSubdirectory("sfbridge-org-a-").FullName;
        var b = Directory.CreateTempSubdirectory("sfbridge-org-b-").FullName;
        var c = Directory.CreateTempSubdirectory("sfbridge-org-c-").FullName;
        try
        {
            OrgGenerator.Generate(2000, a, seed: 7, Now);
            OrgGenerator.Generate(2000, b, seed: 7, Now);
            OrgGenerator.Generate(2000, c, seed: 8, Now);
            await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { SnapshotPath = a });

            var cases = await h.Client.QueryAsync(Soql.Create(
                    $"SELECT Id, RecordType.DeveloperName, Owner.Name, CreatedDate, (SELECT CommentBody, ParentId FROM CaseComments), (SELECT TextBody FROM EmailMessages) FROM Case WHERE IsClosed = {false}"))
                .ToListAsync();
            var comments = cases.SelectMany(k => k.Children("CaseComments")).ToList();
            var texts = comments.Select(k => k.GetString("CommentBody")).Concat(cases.SelectMany(k => k.Children("EmailMessages")).Select(e => e.GetString("TextBody"))).ToList();

            Assert.All(Directory.GetFiles(a), f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(b, Path.GetFileName(f)))));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "CaseComment.json")), File.ReadAllBytes(Path.Combine(c, "CaseComment.json")));
            Assert.Equal(2000, cases.Count);
            Assert.Equal(["Faturamento", "GSO", "PitStop", "Protocolo", "SpecialService"], cases.Select(k => k.GetString("RecordType.DeveloperName")).Distinct().Order(StringComparer.Ordinal));
            Assert.All(cases, k => Assert.NotNull(k.GetString("Owner.Name")));
            Assert.InRange(cases.Select(k => k.GetString("Owner.Name")).Distinct().Count(), 40, 70);
            Assert.InRange(cases.Count(k => k.GetDateTime("CreatedDate") < Now.AddDays(-1)), 400, 1000); // ages spread over days
            Assert.True(comments.Count > 2000, $"{comments.Count} comments");
            Assert.All(cases, k => Assert.All(k.Children("CaseComments"), m => Assert.Equal(k.Id, m.GetString("ParentId"))));
            Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
            Directory.Delete(c, recursive: true);
        }
    }
}
