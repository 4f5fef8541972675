using System.Globalization;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Emulators;

/// <summary>
/// The emulator answers a large org at the cost of what it returns: child records are found by their parent's id
/// and id filters by index, counted through the store's examined-records counters (no timing).
/// </summary>
public sealed class QueryScaleTests
{
    private const int Cases = 20_000;

    [Fact]
    public async Task CaseQuery_20000CasesWithChildren_EveryChildOnItsParent_AndOnlyTheChildrenExamined()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var org = h.Emulator.Org;
        var ids = new string[Cases];
        var children = 0;
        for (var i = 0; i < Cases; i++)
        {
            ids[i] = org.Insert("Case", new JsonObject { ["CaseNumber"] = i.ToString("D8", CultureInfo.InvariantCulture), ["IsClosed"] = false });
            for (var c = 0; c < i % 4; c++, children++)
            {
                org.Insert("CaseComment", new JsonObject { ["ParentId"] = ids[i], ["CommentBody"] = $"comentário {c} do caso {i}" });
            }

            for (var t = 0; t < i % 3; t++, children++)
            {
                org.Insert("Task", new JsonObject { ["WhatId"] = ids[i], ["Subject"] = $"ligação {t} do caso {i}" });
            }
        }

        var examinedBefore = org.ChildRecordsExamined;

        var rows = await h.Client.QueryAsync(Soql.Create(
                $"SELECT Id, CaseNumber, (SELECT Id, ParentId, CommentBody FROM CaseComments), (SELECT Id, WhatId, Subject FROM Tasks) FROM Case WHERE IsClosed = {false} ORDER BY CaseNumber"))
            .ToListAsync();

        Assert.Equal(Cases, rows.Count);
        for (var i = 0; i < Cases; i++)
        {
            var row = rows[i];
            Assert.Equal(ids[i], row.Id);
            Assert.Equal(Enumerable.Range(0, i % 4).Select(c => $"comentário {c} do caso {i}"), row.Children("CaseComments").Select(c => c.GetString("CommentBody")));
            Assert.All(row.Children("CaseComments"), c => Assert.Equal(ids[i], c.GetString("ParentId")));
            Assert.Equal(Enumerable.Range(0, i % 3).Select(t => $"ligação {t} do caso {i}"), row.Children("Tasks").Select(t => t.GetString("Subject")));
            Assert.All(row.Children("Tasks"), t => Assert.Equal(ids[i], t.GetString("WhatId")));
        }

        // A scan per case would look at cases x children (about a billion here); the index looks at each child once.
        Assert.Equal(children, org.ChildRecordsExamined - examinedBefore);
    }

    [Fact]
    public async Task IdFilter_OverALargeObject_ExaminesOnlyTheNamedRecords_AndFollowsUpdates()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var org = h.Emulator.Org;
        var ids = Enumerable.Range(0, Cases).Select(i => org.Insert("Case", new JsonObject { ["CaseNumber"] = i.ToString("D8", CultureInfo.InvariantCulture) })).ToArray();
        var comment = org.Insert("CaseComment", new JsonObject { ["ParentId"] = ids[7], ["CommentBody"] = "movido depois" });
        var wanted = ids.Where((_, i) => i % 100 == 0).ToArray();
        var before = org.RecordsExamined;

        var found = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE Id IN {wanted} ORDER BY Id")).Select(r => r.Id!).ToListAsync();
        var examined = org.RecordsExamined - before;
        org.Update(comment, new JsonObject { ["ParentId"] = ids[8] });
        var onOld = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM CaseComment WHERE ParentId = {ids[7]}")).CountAsync();
        var onNew = await h.Client.QueryAsync(Soql.Create($"SELECT Id, (SELECT CommentBody FROM CaseComments) FROM Case WHERE Id = {ids[8]}")).SingleAsync();

        Assert.Equal(wanted.Order(StringComparer.OrdinalIgnoreCase), found);
        Assert.Equal(wanted.Length, examined);
        Assert.Equal(0, onOld);
        Assert.Equal("movido depois", onNew.Children("CaseComments").Single().GetString("CommentBody"));
    }
}
