using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.Tests.Builders;

namespace SfBridge.Tests.Sync;

/// <summary>How the org data is built from records read one object at a time, and what a failure is called.</summary>
public sealed class OrgDataReadingTests
{
    [Fact]
    public async Task ARecordThatCannotBeConverted_NamesWhereItCameFrom()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => OrgContextBuilder.DataAsync(
            name => Records(name == "AgentWork" ? [new JsonObject { ["WorkItemId"] = new JsonArray() }] : []),
            name => $"stored {name} records", Scenario.Policy, new WorkerKnowledge()));

        Assert.StartsWith("stored AgentWork records: Field WorkItemId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailureToReadTheRows_IsThrownAsItWas_NotTakenForBadData()
    {
        // The database going away mid-read (a shutdown) is not a record that cannot be converted.
        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => OrgContextBuilder.DataAsync(
            name => name == "AgentWork" ? Failing() : Records([]),
            name => $"stored {name} records", Scenario.Policy, new WorkerKnowledge()));

        Assert.Equal("state database connection", ex.ObjectName);
    }

    private static async IAsyncEnumerable<SObjectRecord> Records(IEnumerable<JsonObject> records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return new SObjectRecord(record);
        }
    }

    private static async IAsyncEnumerable<SObjectRecord> Failing()
    {
        await Task.Yield();
        yield return new SObjectRecord(new JsonObject { ["WorkItemId"] = "500GE0000000001YAA" });
        throw new ObjectDisposedException("state database connection");
    }
}
