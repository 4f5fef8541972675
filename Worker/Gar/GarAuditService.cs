using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Rules.Gso;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Gar;

/// <summary>
/// Looks up in GAR the orders of tracked GSO cases whose category is an order release: each distinct order once
/// per run (a few at a time), results stored for the sweep, each with the instant it arrived. When GAR answers none of
/// them, the previous results are marked unusable, GSO-05 waits, and the run says it is degraded; an order GAR alone
/// refuses (a draft's "NA", a record GAR cannot serve) waits by itself and the others are judged. Nothing else in the
/// cycle is affected.
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

        var orders = await OrderNumbersAsync(cancellationToken); // each order with the cases that name it
        // The last run's status alone (one small read): whether GAR answered then, and which orders it did not.
        var status = await store.LoadOrgRecordsAsync(StatusObject, cancellationToken);
        var wasAvailable = Available(status);
        var wasUnanswered = Unanswered(status);
        var answers = new System.Collections.Concurrent.ConcurrentBag<(string, GarOrder?, DateTimeOffset)>();
        var unanswered = new System.Collections.Concurrent.ConcurrentBag<(string Number, string Reason)>();
        var zone = policy.Current.Settings.TimeZone;
        await Parallel.ForEachAsync(orders.Keys, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (number, ct) =>
        {
            try
            {
                var order = await client.GetOrderAsync(number, zone, ct);
                // Seen when it arrived, not when the run began: a run can take minutes, and an order released meanwhile
                // must not count as released before an escalation made while the run was under way.
                answers.Add((number, order, time.GetUtcNow()));
            }
            catch (GarUnavailableException ex)
            {
                unanswered.Add((number, ex.InnerException is { } inner ? $"{ex.Message}: {inner.Message}" : ex.Message));
            }
        });

        if (answers.IsEmpty && !unanswered.IsEmpty)
        {
            await store.ReplaceOrgRecordsAsync(StatusObject, [new SObjectRecord(Status(false))], cancellationToken);
            if (wasAvailable)
            {
                await store.MarkCasesDirtyAsync(null, cancellationToken); // GSO-05 now waits: its findings are judged again
            }

            Unavailable(logger, unanswered.OrderBy(u => u.Number, StringComparer.Ordinal).First().Reason); // expected: no stack trace
            return "degraded: GAR unavailable, GSO-05 postponed";
        }

        // Each answer is kept with the instant it was seen, so GSO-05 can judge GAR as it stood at an escalation. An order GAR
        // did not answer this time waits (its earlier answers may be out of date: judged on them, an escalation made after
        // the order moved on would be accused); the others are judged.
        var (recorded, resumed) = await store.RecordGarAnswersAsync(answers.OrderBy(a => a.Item1, StringComparer.Ordinal).ToList(), GarStatusRule.Continuity, cancellationToken);
        var unansweredNow = unanswered.Select(u => u.Number).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = answers.Count(a => a.Item2 is not null);
        await store.ReplaceOrgRecordsAsync(StatusObject, [new SObjectRecord(Status(true, unansweredNow, found > 0))], cancellationToken);
        if (recorded > 0 || !wasAvailable || !unansweredNow.SetEquals(wasUnanswered))
        {
            await store.MarkCasesDirtyAsync(null, cancellationToken); // a new GAR answer can change GSO-05 on any GSO case
        }
        else if (resumed.Count > 0)
        {
            // The same answer after GAR went unasked about an order for a while (the worker stopped, a new case about the order
            // of a case closed weeks before): what waited for it is judged now.
            await store.MarkCasesDirtyAsync(resumed.SelectMany(n => orders[n]).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken);
        }

        Audited(logger, orders.Count, found);
        if (found == 0 && !answers.IsEmpty)
        {
            NoneFound(logger, answers.Count);
        }

        if (!unanswered.IsEmpty)
        {
            // Order numbers reach this point only in GarOrderNumber's characters: safe to name in a log line.
            var failed = unanswered.OrderBy(u => u.Number, StringComparer.Ordinal).ToList();
            NotAnswered(logger, failed.Count, orders.Count, string.Join(", ", failed.Take(5).Select(u => u.Number)) + (failed.Count > 5 ? ", …" : ""), failed[0].Reason);
            return $"{orders.Count} orders looked up, {failed.Count} not answered (GSO-05 waits for those)";
        }

        return $"{orders.Count} orders looked up";
    }

    /// <summary>
    /// GAR answers the sweep may use, with when they were seen, and the last time GAR answered about each order looked up
    /// (found or not: its keys are the orders GAR knows of); null when GAR is unusable (GSO-05 then waits). The orders GAR did
    /// not answer in its last run are left out, as never looked up: GSO-05 waits for them.
    /// </summary>
    public static async Task<(IReadOnlyList<GarObservation> Found, IReadOnlyDictionary<string, DateTimeOffset> Answered, bool? FoundLately)?> ReadAsync(
        IStateStore store, CancellationToken cancellationToken)
    {
        var status = await store.LoadOrgRecordsAsync(StatusObject, cancellationToken);
        if (!Available(status))
        {
            return null;
        }

        var (found, answered) = await store.LoadGarAnswersAsync(cancellationToken);
        var unanswered = Unanswered(status);
        var lately = status[0]["found"] is JsonValue v && v.TryGetValue<bool>(out var f) ? f : (bool?)null; // a status written by an earlier version has none
        return unanswered.Count == 0 ? (found, answered, lately)
            : (found.Where(f => !unanswered.Contains(f.Order.OrderNumber.Trim())).ToList(),
                answered.Where(a => !unanswered.Contains(a.Key.Trim())).ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase), lately);
    }

    private static bool Available(IReadOnlyList<JsonObject> status) => status.Count > 0 && status[0]["available"]?.GetValue<bool>() == true;

    /// <summary>The orders the last run could not get an answer for, from the stored status.</summary>
    private static HashSet<string> Unanswered(IReadOnlyList<JsonObject> status) =>
        (status.Count > 0 && status[0]["unanswered"] is JsonArray numbers ? numbers.Select(n => n?.GetValue<string>()).OfType<string>() : [])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The order numbers to look up, in order, each with the tracked cases that name it.</summary>
    private async Task<SortedDictionary<string, List<string>>> OrderNumbersAsync(CancellationToken cancellationToken)
    {
        var current = policy.Current;
        var numbers = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        // From the facts kept beside each case: the job never reads every stored case.
        await Sync.StoredState.ForEachFactsAsync(store, current, (id, c) =>
        {
            if (!string.IsNullOrWhiteSpace(c.OrderNumber) && c.OrderNumber is { } number && current.Category(RuleCatalog.Gso, c.Category) is { OrderRelease: true })
            {
                if (GarOrderNumber.IsValid(number))
                {
                    (numbers.TryGetValue(number.Trim(), out var cases) ? cases : numbers[number.Trim()] = []).Add(id);
                }
                else
                {
                    // Escaped for the log: the number is case text and could carry a line break or control characters.
                    NotLookedUp(logger, c.CaseNumber ?? "?", Uri.EscapeDataString(number), GarOrderNumber.Allowed);
                }
            }
        }, cancellationToken);

        return numbers;
    }

    private JsonObject Status(bool available, IReadOnlyCollection<string>? unanswered = null, bool found = false) => new()
    {
        ["Id"] = "gar", ["available"] = available, ["at"] = SalesforceDateTime.FormatRest(time.GetUtcNow()), ["found"] = found,
        ["unanswered"] = new JsonArray([.. (unanswered ?? []).Order(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n))]),
    };

    [LoggerMessage(4001, LogLevel.Information, "GAR audit looked up {Orders} orders, {Found} found")]
    private static partial void Audited(ILogger logger, int orders, int found);

    [LoggerMessage(4002, LogLevel.Warning, "GAR unavailable ({Reason}); GSO-05 findings are postponed until it answers")]
    private static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "GAR did not answer {Failed} of {Orders} orders ({OrderNumbers}; first reason: {Reason}); GSO-05 waits for those until GAR answers them")]
    private static partial void NotAnswered(ILogger logger, int failed, int orders, string orderNumbers, string reason);

    [LoggerMessage(4005, LogLevel.Warning, "GAR found none of the {Orders} orders it answered for; until it has found an order, GSO-05 reports none as unknown (a wrong Gar:BaseUrl answers 404 to every lookup)")]
    private static partial void NoneFound(ILogger logger, int orders);

    [LoggerMessage(4003, LogLevel.Warning, "Case {CaseNumber}: order number {OrderNumber} is not looked up in GAR (only {Allowed}); GSO-05 does not judge it")]
    private static partial void NotLookedUp(ILogger logger, string caseNumber, string orderNumber, string allowed);
}
