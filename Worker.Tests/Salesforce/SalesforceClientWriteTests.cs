using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceClientWriteTests
{
    private static readonly Dictionary<string, object?> MarkCritical = new() { ["Caso_Critico__c"] = true };

    [Fact]
    public async Task UpdateAsync_Case_SendsNoAutoAssignSoAssignmentRulesKeepTheOwner()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { AssignmentRuleOwnerId = "00GEM0000000099" });
        var owner = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Ana Souza" });
        var id = h.SeedCases(1, (_, c) => c["OwnerId"] = owner)[0];

        await h.Client.UpdateAsync(new SObjectUpdate("Case", id, MarkCritical), default);

        var stored = h.Emulator.Org.Find(id)!;
        Assert.True(stored["Caso_Critico__c"]!.GetValue<bool>());
        Assert.Equal(owner, stored["OwnerId"]!.GetValue<string>());
        Assert.Equal("FALSE", Assert.Single(h.Emulator.Requests.All, r => r.Endpoint == "sobject").AutoAssign);
    }

    [Fact]
    public async Task UpdateAsync_UnknownField_ThrowsPermanentErrorNamingTheField()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var id = h.SeedCases(1)[0];

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() =>
            h.Client.UpdateAsync(new SObjectUpdate("Case", id, new Dictionary<string, object?> { ["Critico__c"] = true }), default));

        Assert.Equal("INVALID_FIELD", ex.ErrorCode);
        Assert.Equal(["Critico__c"], ex.Fields);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task UpdateAsync_RowLockedOnce_IsRetriedAndSucceeds()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var id = h.SeedCases(1)[0];
        h.Emulator.Faults.Add(new Fault(FaultKind.UnableToLockRow, "sobject"));

        await h.Client.UpdateAsync(new SObjectUpdate("Case", id, MarkCritical), default);

        Assert.Equal([400, 204], h.Emulator.Requests.All.Where(r => r.Endpoint == "sobject").Select(r => r.Status));
        Assert.True(h.Emulator.Org.Find(id)!["Caso_Critico__c"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UpdateRecordsAsync_200RecordsWithThreeFailing_ReportsEachFailureOnItsRecord()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(200);
        var failing = new[] { ids[3], ids[77], ids[199] };
        h.Emulator.Faults.FailRecord(failing[0], "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
        h.Emulator.Faults.FailRecord(failing[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Categoria obrigatória");
        h.Emulator.Faults.FailRecord(failing[2], "ENTITY_IS_LOCKED", "the entity is locked for editing");

        var results = await h.Client.UpdateRecordsAsync(ids.Select(id => new SObjectUpdate("Case", id, MarkCritical)).ToList(), default);

        Assert.Equal(200, results.Count);
        Assert.Equal(ids, results.Select(r => r.Record.Id));
        Assert.Equal(failing, results.Where(r => !r.Success).Select(r => r.Record.Id));
        Assert.Equal(["UNABLE_TO_LOCK_ROW", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "ENTITY_IS_LOCKED"],
            results.Where(r => !r.Success).Select(r => r.Errors.Single().Code));
        Assert.Equal([true, false, false], results.Where(r => !r.Success).Select(r => r.IsRetryable));
        Assert.Equal(197, ids.Count(id => h.Emulator.Org.Find(id)!["Caso_Critico__c"]?.GetValue<bool>() == true));
        var call = Assert.Single(h.Emulator.Requests.All, r => r.Endpoint == "composite-sobjects");
        Assert.Equal("FALSE", call.AutoAssign);
        Assert.Single(h.Logs.WithEventName("CollectionPartialFailure"));
    }

    [Fact]
    public async Task UpdateRecordsAsync_450Records_SendsThreeCallsOfAtMost200()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(450);

        var results = await h.Client.UpdateRecordsAsync(ids.Select(id => new SObjectUpdate("Case", id, MarkCritical)).ToList(), default);

        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal(3, h.Emulator.Requests.Count("composite-sobjects"));
    }

    [Fact]
    public void SObjectUpdate_HostileFieldOrId_IsRejectedBeforeAnyCall()
    {
        Assert.Throws<ArgumentException>(() => new SObjectUpdate("Case", "500EM0000000001/../../limits", MarkCritical));
        Assert.Throws<ArgumentException>(() => new SObjectUpdate("Case", "500EM0000000001", new Dictionary<string, object?> { ["Status\" : 1, \"x"] = 1 }));
        Assert.Throws<ArgumentException>(() => new SObjectUpdate("Case; DROP", "500EM0000000001", MarkCritical));
    }

    [Fact]
    public async Task RequestBodies_GoOutWithContentLength_NeverChunked()
    {
        // Reproduced: JsonContent streamed every body with Transfer-Encoding: chunked, unlike every peer client.
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(2);

        await h.Client.UpdateAsync(new SObjectUpdate("Case", ids[0], MarkCritical), default);
        await h.Client.UpdateRecordsAsync([new SObjectUpdate("Case", ids[0], MarkCritical), new SObjectUpdate("Case", ids[1], MarkCritical)], default);
        await h.Client.PostFeedElementAsync(ChatterPost.For(ids[0]).Text("Boa tarde! Caso atrasado."), default);
        await h.Client.PostFeedElementsAsync([ChatterPost.For(ids[0]).Text("um"), ChatterPost.For(ids[1]).Text("dois")], default);

        var writes = h.Emulator.Requests.All.Where(r => r.Method is "POST" or "PATCH").ToList();
        Assert.Equal(["token", "sobject", "composite-sobjects", "chatter-post", "chatter-batch"], writes.Select(r => r.Endpoint));
        Assert.All(writes, r =>
        {
            Assert.True(r.ContentLength > 0, $"{r.Method} {r.Path} has no Content-Length");
            Assert.Null(r.TransferEncoding);
        });
    }
}
