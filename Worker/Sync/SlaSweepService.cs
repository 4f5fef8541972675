using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Alerts;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>What one sweep found.</summary>
public sealed record SweepReport(int Cases, IReadOnlyList<Finding> Findings, LedgerUpdate Ledger);

/// <summary>
/// Judges every tracked case at the current instant from stored state only (no Salesforce call), so a case that
/// nobody touches still breaches on time. New breach keys enter the findings ledger; breaches that no longer hold
/// are cleared. A case the rules cannot judge is logged and skipped; the others are still judged.
/// </summary>
public sealed class SlaSweepService(IStateStore store, IAlertStore alerts, PolicyProvider policy, IOptions<AlertsOptions> alertOptions, TimeProvider time, ILogger<SlaSweepService> logger)
{
    private static readonly string[] OrgObjects = ["User", "Group", "GroupMember", "ServicePresenceStatus", "UserServicePresence", "PendingServiceRouting", "AgentWork", "Account"];

    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = policy.Current;
        var cases = new List<CaseSnapshot>();
        foreach (var record in await store.LoadTrackedCasesAsync(cancellationToken))
        {
            var (c, error) = CaseReader.Read(new SObjectRecord(record), current.Fields);
            if (c is null)
            {
                SyncLog.CaseNotJudged(logger, record["Id"]?.GetValue<string>() ?? "?", error!);
            }
            else
            {
                cases.Add(c);
            }
        }

        var objects = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in OrgObjects)
        {
            objects[name] = await store.LoadOrgRecordsAsync(name, cancellationToken);
        }

        // GAR results of the last GAR audit; when GAR was unusable there are none and GSO-05 waits instead of guessing.
        var gar = Gar.GarAuditService.Read(await store.LoadOrgRecordsAsync(Gar.GarAuditService.StatusObject, cancellationToken),
            await store.LoadOrgRecordsAsync(Gar.GarAuditService.OrdersObject, cancellationToken));
        var org = OrgContextBuilder.Build(OrgSnapshot.From(objects, gar?.Found), cases, current, gar?.Checked);
        var engine = new PolicyEngine(current);
        var findings = engine.EvaluateEach(cases, org, now, (c, ex) => SyncLog.CaseNotJudged(logger, c.Id, ex.Message));

        var ledger = await store.RecordFindingsAsync(findings, now, cancellationToken);
        SyncLog.Sweep(logger, cases.Count, now, findings.Count, ledger.Opened.Count, ledger.ClearedKeys.Count);

        // New breaches, due reminders (re-judged at their escalation level) and resolution notes go to the outbox.
        var byId = cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var planned = AlertPlanner.Plan(findings, ledger, await alerts.HistoryAsync(cancellationToken),
            (f, level, lastTemplate) => engine.Evaluate(byId[f.CaseId], org, now, lastTemplate, level).FirstOrDefault(x => x.BreachKey == f.BreachKey),
            rule => current.Rules.TryGetValue(rule, out var r) && r.ResolutionNote, alertOptions.Value, current.Settings.TimeZone, now);
        var queued = await alerts.EnqueueAsync(planned, cancellationToken);
        AlertsLog.Queued(logger, queued, planned.Count(a => a.Purpose == AlertPurpose.Breach), planned.Count(a => a.Purpose == AlertPurpose.Reminder),
            planned.Count(a => a.Purpose == AlertPurpose.Resolution));
        return new SweepReport(cases.Count, findings, ledger);
    }
}
