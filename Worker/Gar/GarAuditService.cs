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
    public const string StatusObject = "GarStatus";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return "GAR not configured (Gar:BaseUrl empty): GSO-05 off";
        }

        var orders = await OrderNumbersAsync(cancellationToken);
        var wasAvailable = (await ReadAsync(store, cancellationToken)) is not null;
        var answers = new System.Collections.Concurrent.ConcurrentBag<(string, GarOrder?)>();
        var seenAt = time.GetUtcNow();
        var zone = policy.Current.Settings.TimeZone;
        try
        {
            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (number, ct) =>
                answers.Add((number, await client.GetOrderAsync(number, zone, ct))));
        }
        catch (GarUnavailableException ex)
        {
            await store.ReplaceOrgRecordsAsync(StatusObject, [new SObjectRecord(Status(false))], cancellationToken);
            if (wasAvailable)
            {
                await store.MarkCasesDirtyAsync(null, cancellationToken); // GSO-05 now waits: its findings are judged again
            }

            Unavailable(logger, ex.InnerException is { } inner ? $"{ex.Message}: {inner.Message}" : ex.Message); // expected: no stack trace
            return "degraded: GAR unavailable, GSO-05 postponed";
        }

        // Each answer is kept with the instant it was seen, so GSO-05 can judge GAR as it stood at an escalation.
        var recorded = await store.RecordGarAnswersAsync(answers.OrderBy(a => a.Item1, StringComparer.Ordinal).ToList(), seenAt, cancellationToken);
        await store.ReplaceOrgRecordsAsync(StatusObject, [new SObjectRecord(Status(true))], cancellationToken);
        if (recorded > 0 || !wasAvailable)
        {
            await store.MarkCasesDirtyAsync(null, cancellationToken); // a new GAR answer can change GSO-05 on any GSO case
        }
        Audited(logger, orders.Count, answers.Count(a => a.Item2 is not null));
        return $"{orders.Count} orders looked up";
    }

    /// <summary>GAR answers the sweep may use, with when they were seen; null when GAR is unusable (GSO-05 then waits).</summary>
    public static async Task<(IReadOnlyList<GarObservation> Found, IReadOnlyList<string> Checked)?> ReadAsync(IStateStore store, CancellationToken cancellationToken)
    {
        var status = await store.LoadOrgRecordsAsync(StatusObject, cancellationToken);
        if (status.Count == 0 || status[0]["available"]?.GetValue<bool>() != true)
        {
            return null;
        }

        return await store.LoadGarAnswersAsync(cancellationToken);
    }

    private async Task<List<string>> OrderNumbersAsync(CancellationToken cancellationToken)
    {
        var current = policy.Current;
        var numbers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // From the facts kept beside each case: the job never reads every stored case.
        await Sync.StoredState.ForEachFactsAsync(store, current, (_, c) =>
        {
            if (!string.IsNullOrWhiteSpace(c.OrderNumber) && c.OrderNumber is { } number && current.Category(RuleCatalog.Gso, c.Category) is { OrderRelease: true })
            {
                if (GarOrderNumber.IsValid(number))
                {
                    numbers.Add(number.Trim());
                }
                else
                {
                    // Escaped for the log: the number is case text and could carry a line break or control characters.
                    NotLookedUp(logger, c.CaseNumber ?? "?", Uri.EscapeDataString(number), GarOrderNumber.Allowed);
                }
            }
        }, cancellationToken);

        return numbers.Order(StringComparer.Ordinal).ToList();
    }

    private JsonObject Status(bool available) => new() { ["Id"] = "gar", ["available"] = available, ["at"] = SalesforceDateTime.FormatRest(time.GetUtcNow()) };

    [LoggerMessage(4001, LogLevel.Information, "GAR audit looked up {Orders} orders, {Found} found")]
    private static partial void Audited(ILogger logger, int orders, int found);

    [LoggerMessage(4002, LogLevel.Warning, "GAR unavailable ({Reason}); GSO-05 findings are postponed until it answers")]
    private static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(4003, LogLevel.Warning, "Case {CaseNumber}: order number {OrderNumber} is not looked up in GAR (only {Allowed}); GSO-05 does not judge it")]
    private static partial void NotLookedUp(ILogger logger, string caseNumber, string orderNumber, string allowed);
}
