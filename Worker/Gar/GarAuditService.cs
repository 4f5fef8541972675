using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Gar;

/// <summary>
/// Looks up in GAR the orders of tracked GSO cases whose category is an order release: each distinct order once
/// per run (a few at a time), results stored for the sweep. When GAR cannot answer, the previous results are
/// marked unusable, GSO-05 waits, and the run says it is degraded; nothing else in the cycle is affected.
/// </summary>
public sealed partial class GarAuditService(GarClient client, IOptions<GarOptions> options, IStateStore store, PolicyProvider policy, TimeProvider time, ILogger<GarAuditService> logger)
{
    public const string OrdersObject = "GarOrder";
    public const string StatusObject = "GarStatus";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return "GAR not configured (Gar:BaseUrl empty): GSO-05 off";
        }

        var orders = await OrderNumbersAsync(cancellationToken);
        var found = new System.Collections.Concurrent.ConcurrentBag<JsonObject>();
        try
        {
            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (number, ct) =>
            {
                var order = await client.GetOrderAsync(number, ct);
                found.Add(new JsonObject
                {
                    ["Id"] = number,
                    ["found"] = order is not null,
                    ["status"] = order?.Status,
                    ["validatedAt"] = order?.ValidatedAt is { } v ? SalesforceDateTime.FormatRest(v) : null,
                    ["updatedAt"] = order?.UpdatedAt is { } u ? SalesforceDateTime.FormatRest(u) : null,
                });
            });
        }
        catch (GarUnavailableException ex)
        {
            await store.ReplaceOrgRecordsAsync(StatusObject, [Status(false)], cancellationToken);
            Unavailable(logger, ex, ex.Message);
            return "degraded: GAR unavailable, GSO-05 postponed";
        }

        await store.ReplaceOrgRecordsAsync(OrdersObject, found.ToList(), cancellationToken);
        await store.ReplaceOrgRecordsAsync(StatusObject, [Status(true)], cancellationToken);
        Audited(logger, orders.Count, found.Count(o => o["found"]!.GetValue<bool>()));
        return $"{orders.Count} orders looked up";
    }

    /// <summary>GAR results the sweep may use: the orders found, and every order checked; null when GAR is unusable.</summary>
    public static (List<GarOrder> Found, List<string> Checked)? Read(IReadOnlyList<JsonObject> status, IReadOnlyList<JsonObject> orders)
    {
        if (status.Count == 0 || status[0]["available"]?.GetValue<bool>() != true)
        {
            return null;
        }

        var found = orders.Where(o => o["found"]?.GetValue<bool>() == true)
            .Select(o => new GarOrder(o["Id"]!.GetValue<string>(), o["status"]!.GetValue<string>(),
                o["validatedAt"] is JsonNode v ? SalesforceDateTime.Parse(v.GetValue<string>()) : null,
                o["updatedAt"] is JsonNode u ? SalesforceDateTime.Parse(u.GetValue<string>()) : null)).ToList();
        return (found, orders.Select(o => o["Id"]!.GetValue<string>()).ToList());
    }

    private async Task<List<string>> OrderNumbersAsync(CancellationToken cancellationToken)
    {
        var current = policy.Current;
        var numbers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in await store.LoadTrackedCasesAsync(cancellationToken))
        {
            var (c, _) = CaseReader.Read(new SObjectRecord(record), current.Fields);
            if (c?.Field(LogicalField.OrderNumber) is { } number && current.Category(RuleCatalog.Gso, c.Field(LogicalField.EscalationCategory)) is { OrderRelease: true })
            {
                numbers.Add(number.Trim());
            }
        }

        return numbers.Order(StringComparer.Ordinal).ToList();
    }

    private JsonObject Status(bool available) => new() { ["Id"] = "gar", ["available"] = available, ["at"] = SalesforceDateTime.FormatRest(time.GetUtcNow()) };

    [LoggerMessage(4001, LogLevel.Information, "GAR audit looked up {Orders} orders, {Found} found")]
    private static partial void Audited(ILogger logger, int orders, int found);

    [LoggerMessage(4002, LogLevel.Warning, "GAR unavailable ({Reason}); GSO-05 findings are postponed until it answers")]
    private static partial void Unavailable(ILogger logger, Exception exception, string reason);
}
