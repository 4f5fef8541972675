using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Audit;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.Tests.Emulators.Gar;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Audit;

/// <summary>
/// The offline audit and the running worker judge alike: the same org at the same instant gives the same findings,
/// whether read from a snapshot folder or synced from Salesforce into the state store and swept.
/// </summary>
public sealed class AuditWorkerParityTests
{
    private static readonly DateTimeOffset AuditAt = new(2026, 3, 3, 17, 0, 0, TimeSpan.Zero); // 14:00 in São Paulo

    [Fact]
    public async Task SampleOrg_TheWorkerAndTheAudit_FindTheSameAtTheSameInstant()
    {
        var policy = MappingLoader.Load(Path.Combine(RepoPaths.Root, "mappings")).Policy!;
        var audit = AuditRun.Evaluate(OrgSnapshot.Load(RepoPaths.SampleOrg), policy, AuditAt).Findings
            .Select(f => Line(f.BreachKey, f.Kind.WireName(), f.Severity.WireName(), f.DueAt, f.Detail, f.Mentions)).Order(StringComparer.Ordinal).ToList();

        await using var gar = await GarEmulator.StartAsync();
        foreach (var order in JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.SampleOrg, "Gar.json")))!.AsArray())
        {
            gar.Add(order!["orderNumber"]!.GetValue<string>(), order["status"]!.GetValue<string>(), order["validatedAt"]?.GetValue<string>(), order["updatedAt"]!.GetValue<string>());
        }

        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg },
            new Dictionary<string, string?> { ["Gar:BaseUrl"] = gar.BaseUrl, ["Alerts:MaxPostsPerCycle"] = "500", ["Alerts:MaxPostsPerCase"] = "20" });

        // The worker meets the org earlier that day, while the two cases that close later are still open, and sees them close.
        var closed = h.Emulator.Org.Read(v => v.Records("Case")).Where(c => c["IsClosed"]!.GetValue<bool>()).Select(c => (JsonObject)c.DeepClone()).ToList();
        Assert.Equal(2, closed.Count);
        foreach (var c in closed)
        {
            h.Emulator.Org.Update(c["Id"]!.GetValue<string>(), new JsonObject { ["IsClosed"] = false, ["Status"] = "Em Atendimento", ["ClosedDate"] = null }, touch: false);
        }

        h.Salesforce.Time.Advance(new DateTimeOffset(2026, 3, 3, 11, 0, 0, TimeSpan.Zero) - h.Salesforce.Time.GetUtcNow()); // 08:00 in São Paulo
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(AuditAt - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync(); // the wake-up at the instant runs before the two cases close
        foreach (var c in closed)
        {
            h.Emulator.Org.Update(c["Id"]!.GetValue<string>(), new JsonObject { ["IsClosed"] = true, ["Status"] = c["Status"]!.DeepClone(), ["ClosedDate"] = c["ClosedDate"]!.DeepClone() });
        }

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var worker = (await h.Store.QueryAsync("SELECT breach_key, kind, severity, due_at, detail, mentions FROM findings WHERE cleared_at IS NULL", default))
            .Select(r => Line((string)r[0]!, (string)r[1]!, (string)r[2]!, r[3] is string due ? DateTimeOffset.Parse(due, CultureInfo.InvariantCulture) : null, (string)r[4]!,
                JsonSerializer.Deserialize<List<string>>((string)r[5]!)!))
            .Order(StringComparer.Ordinal).ToList();
        // The worker sets the critical mark the audit only asks for (GSO-06); once it reads a case it marked, that finding is over.
        var marked = (await h.Store.QueryAsync("SELECT case_id FROM critical_marks", default)).Select(r => (string)r[0]!).ToList();
        var expected = audit.Where(l => !marked.Any(m => l.StartsWith($"GSO-06|{m}|", StringComparison.Ordinal) &&
                                                         worker.All(w => !w.StartsWith($"GSO-06|{m}|", StringComparison.Ordinal)))).ToList();
        Assert.True(audit.Count >= 40, $"{audit.Count} findings");
        Assert.True(audit.Count - expected.Count <= marked.Count);
        Assert.Equal(expected, worker);
    }

    private static string Line(string key, string kind, string severity, DateTimeOffset? due, string detail, IEnumerable<string> mentions) =>
        $"{key} | {kind} | {severity} | {(due is { } d ? SalesforceDateTime.FormatRest(d) : "-")} | {detail} | {string.Join(",", mentions)}";
}
