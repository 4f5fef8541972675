using Microsoft.Extensions.Logging;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Sets the critical mark (GSO-06) on cases that need it, through sObject Collections in calls of up to 200. A
/// case SfBridge already marked is not written again; a refused record is reported and retried next run.
/// </summary>
public sealed class CriticalMarker(SalesforceClient client, IAlertStore store, PolicyProvider policy, TimeProvider time, ILogger<CriticalMarker> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cases = await store.CasesToMarkCriticalAsync(cancellationToken);
        if (cases.Count == 0)
        {
            return 0;
        }

        var field = policy.Current.Fields[LogicalField.CriticalMark];
        var results = await client.UpdateRecordsAsync(cases.Select(id => new SObjectUpdate("Case", id, new Dictionary<string, object?> { [field] = true })).ToList(), cancellationToken);
        var marked = 0;
        foreach (var result in results)
        {
            if (result.Success)
            {
                await store.RecordCriticalMarkAsync(result.Record.Id, time.GetUtcNow(), cancellationToken);
                marked++;
            }
            else
            {
                AlertsLog.CriticalMarkRefused(logger, result.Record.Id, result.Errors.Count > 0 ? result.Errors[0].Code : "UNKNOWN");
            }
        }

        AlertsLog.CriticalMarks(logger, marked, results.Count - marked);
        return marked;
    }
}
