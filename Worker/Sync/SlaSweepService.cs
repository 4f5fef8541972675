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
/// nobody touches still breaches on time. A case the sync saw close is judged once more, at its closed date, by the
/// closing rules, and then leaves the tracked set. New breach keys enter the findings ledger; breaches that no longer
/// hold are cleared; the pack decided for each case is remembered. A case the rules cannot judge is logged and
/// skipped; the others are still judged.
/// </summary>
public sealed class SlaSweepService(IStateStore store, IAlertStore alerts, PolicyProvider policy, IOptions<AlertsOptions> alertOptions, MentionGapLog gaps,
    TimeProvider time, ILogger<SlaSweepService> logger)
{
    private static readonly string[] OrgObjects =
    [
        "User", "Group", "GroupMember", "UserRole", "ServicePresenceStatus", "UserServicePresence", "PendingServiceRouting", "AgentWork", "Account",
        "MessagingSession", "ConversationEntry",
    ];

    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = policy.Current;
        var cases = new List<CaseSnapshot>();
        var closing = new List<CaseSnapshot>();
        // A case that cannot be judged keeps its open findings as they were: no resolution note, no closing.
        var unjudged = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tracked in await store.LoadTrackedCasesAsync(cancellationToken))
        {
            var (c, error) = CaseReader.Read(new SObjectRecord(tracked.Record), current.Fields);
            if (c is null)
            {
                var id = tracked.Record["Id"]?.GetValue<string>() ?? "?";
                SyncLog.CaseNotJudged(logger, id, error!);
                unjudged.Add(id);
                continue;
            }

            cases.Add(tracked.Pack is { } pack ? c with { RememberedPack = (pack, tracked.PackRecordType) } : c);
            if (tracked.Closing)
            {
                closing.Add(c);
            }
        }

        var objects = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in OrgObjects)
        {
            objects[name] = await store.LoadOrgRecordsAsync(name, cancellationToken);
        }

        // GAR answers with the instant each was seen; when GAR was unusable there are none and GSO-05 waits instead of guessing.
        var gar = await Gar.GarAuditService.ReadAsync(store, cancellationToken);
        var self = await store.LoadOrgRecordsAsync(OmniChannelSyncService.WorkerUserObject, cancellationToken);
        var org = OrgContextBuilder.Build(OrgSnapshot.From(objects, null), cases, current, new WorkerKnowledge
        {
            Gar = gar?.Found,
            GarChecked = gar?.Checked,
            FirstRoutings = await store.LoadFirstRoutingsAsync(cancellationToken),
            SelfUserId = self.Count > 0 ? self[0]["Id"]?.GetValue<string>() : null,
        });
        var engine = new PolicyEngine(current);
        var history = await alerts.HistoryAsync(cancellationToken);
        var findings = engine.EvaluateEach(cases, org, now, (c, ex) =>
        {
            SyncLog.CaseNotJudged(logger, c.Id, ex.Message);
            unjudged.Add(c.Id);
        }, id => history.LastTemplateByCase.GetValueOrDefault(id));
        gaps.Report(logger, findings);
        await store.RememberPacksAsync(Packs(engine, cases, org), cancellationToken);

        var ledger = await store.RecordFindingsAsync(findings, unjudged, now, cancellationToken);
        SyncLog.Sweep(logger, cases.Count, now, findings.Count, ledger.Opened.Count, ledger.ClearedKeys.Count);

        // New breaches, due reminders (re-judged at their escalation level) and resolution notes go to the outbox.
        var byId = cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var planned = AlertPlanner.Plan(findings, ledger, history,
            (f, level, avoid) => engine.Evaluate(byId[f.CaseId], org, now, avoid, level, TemplatePurpose.Reminder).FirstOrDefault(x => x.BreachKey == f.BreachKey),
            (c, avoid) => MessageComposer.Compose(new MessageFields(c.CaseNumber, byId.GetValueOrDefault(c.CaseId)?.Subject, c.Detail ?? c.RuleId, null, c.Pack ?? "",
                c.RuleId, c.Kind, c.BreachKey), current, now, avoid, TemplatePurpose.Resolution),
            // A note only for an open case judged in this sweep: a deleted case has no feed left, and a closed one is
            // judged by its closing rules alone, so a breach not repeated there was not resolved by anyone.
            c => byId.TryGetValue(c.CaseId, out var judged) && !judged.IsClosed && current.Rules.TryGetValue(c.RuleId, out var r) && r.ResolutionNote,
            alertOptions.Value, now);
        var queued = await alerts.EnqueueAsync(planned, cancellationToken);
        AlertsLog.Queued(logger, queued, planned.Count(a => a.Purpose == AlertPurpose.Breach), planned.Count(a => a.Purpose == AlertPurpose.Reminder),
            planned.Count(a => a.Purpose == AlertPurpose.Resolution));

        // Closed cases had their closing judgement (its alerts are queued): they leave the tracked set.
        await store.FinishClosedCasesAsync(closing.Where(c => !unjudged.Contains(c.Id) && c.SystemModstamp is not null).Select(c => (c.Id, c.SystemModstamp!.Value)).ToList(), cancellationToken);
        return new SweepReport(cases.Count, findings, ledger);
    }

    /// <summary>Packs decided or re-decided this sweep (a new case, or a record-type change).</summary>
    private static List<(string CaseId, string Pack, string? RecordType)> Packs(PolicyEngine engine, List<CaseSnapshot> cases, OrgContext org) =>
        cases.Where(c => !c.IsClosed)
            .Select(c => (Case: c, Pack: engine.PackOf(c, org)))
            .Where(x => x.Pack is not null && (x.Case.RememberedPack is not { } r || r.Pack != x.Pack || !string.Equals(r.RecordType, x.Case.RecordType, StringComparison.Ordinal)))
            .Select(x => (x.Case.Id, x.Pack!, x.Case.RecordType)).ToList();
}
