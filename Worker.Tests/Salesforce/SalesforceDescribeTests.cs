using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

/// <summary>The describe calls of the client against the emulator's describe, which a test can change like an admin would.</summary>
public sealed class SalesforceDescribeTests
{
    [Fact]
    public async Task DescribeAsync_Case_GivesTypesUpdateabilityLookupsAndPicklistValues()
    {
        await using var h = await SalesforceHarness.StartAsync();

        var describe = await h.Client.DescribeAsync("Case", default);

        Assert.NotNull(describe);
        Assert.True(describe.Queryable);
        Assert.Equal(("boolean", true), (describe.Field("Caso_Critico__c")!.Type, describe.Field("caso_critico__c")!.Updateable));
        Assert.Equal(("string", false), (describe.Field("CaseNumber")!.Type, describe.Field("CaseNumber")!.Updateable));
        Assert.Equal("datetime", describe.Field("Retorno__c")!.Type);
        var owner = describe.Relationship("Owner")!;
        Assert.Equal(("OwnerId", "reference"), (owner.Name, owner.Type));
        Assert.Equal(["Group", "User"], owner.ReferenceTo);
        var category = describe.Field("Categoria_Escalonamento__c")!;
        Assert.Equal("picklist", category.Type);
        Assert.Equal(12, category.PicklistValues.Count(p => p.Active));
        Assert.Contains(category.PicklistValues, p => p is { Value: "Cancelamento de pedido", Active: false });
        Assert.Equal(1, h.Emulator.Requests.Count("describe"));
        Assert.Equal(1, h.Usage.CallsByEndpoint["describe"]);
    }

    [Fact]
    public async Task DescribeAsync_AfterTheTestChangedTheOrg_ShowsTheRemovedReadOnlyAndPicklistFields()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var id = h.SeedCases(1)[0];
        h.Emulator.Metadata.RemoveField("Case", "Nivel_SLA__c");
        h.Emulator.Metadata.MakeReadOnly("Case", "Caso_Critico__c");
        h.Emulator.Metadata.SetPicklist("Case", "Categoria_Escalonamento__c", ("Ouvidoria", true), ("Antiga", false));

        var describe = (await h.Client.DescribeAsync("Case", default))!;

        Assert.Null(describe.Field("Nivel_SLA__c"));
        Assert.False(describe.Field("Caso_Critico__c")!.Updateable);
        Assert.Equal([("Ouvidoria", true), ("Antiga", false)], describe.Field("Categoria_Escalonamento__c")!.PicklistValues.Select(p => (p.Value, p.Active)));
        // The org behaves as its describe says: the removed field breaks a query, the read-only one an update.
        var query = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.QueryAsync(Soql.Create($"SELECT Id, Nivel_SLA__c FROM Case")).ToListAsync().AsTask());
        Assert.Equal("INVALID_FIELD", query.ErrorCode);
        var update = await Assert.ThrowsAsync<SalesforceApiException>(() =>
            h.Client.UpdateAsync(new SObjectUpdate("Case", id, new Dictionary<string, object?> { ["Caso_Critico__c"] = true }), default));
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", update.ErrorCode);
    }

    [Fact]
    public async Task DescribeAsync_ObjectTheUserCannotSee_IsNullAndAbsentFromTheGlobalDescribe()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Metadata.HideObject("AgentWork");

        var hidden = await h.Client.DescribeAsync("AgentWork", default);
        var unknown = await h.Client.DescribeAsync("Pedido__c", default);
        var global = await h.Client.DescribeGlobalAsync(default);

        Assert.Null(hidden);
        Assert.Null(unknown);
        Assert.DoesNotContain(global, o => o.Name == "AgentWork");
        Assert.Contains(global, o => o is { Name: "Case", Queryable: true });
        Assert.Equal(3, h.Emulator.Requests.Count("describe"));
        Assert.Equal(3, h.Usage.CallsByEndpoint["describe"]);
    }

    [Fact]
    public void DescribeAsync_NameThatIsNotAnObject_IsRefusedBeforeAnyCall()
    {
        Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(new SalesforceOptions()),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SalesforceClient>.Instance).DescribeAsync("Case/../limits", default).GetAwaiter().GetResult());
    }
}
