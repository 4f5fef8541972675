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
public sealed record SweepReport(int Cases, IReadOnlyList<Finding> Findings, LedgerUpdate Ledger)
{
    /// <summary>Cases judged by this sweep (the others were unchanged and not yet due).</summary>
    public int Judged { get; init; }

    /// <summary>When the worker wakes up next to judge a case whose clock comes due (null: nothing ahead).</summary>
    public DateTimeOffset? NextDue { get; init; }
}

/// <summary>
/// Judges tracked cases from stored state only (no Salesforce call), so a case that nobody touches still breaches on
/// time. It judges the cases that changed (or whose people, routing, presence or GAR answers changed), those whose
/// next instant has come, those with an alert to plan, and the other cases of their owners (a backlog is counted
/// per owner); the first sweep of a process judges every case. A case the sync saw close is judged once more, at
/// its closed date, by the closing rules, and then leaves the tracked set. New breach keys enter the findings ledger;
/// breaches of judged cases that no longer hold are cleared; the pack decided for each case is remembered; each
/// judged case keeps its next instant, and the worker wakes up at the earliest one (<see cref="DueWatch"/>). A case
/// the rules cannot judge is logged and keeps its findings; the others are still judged.
/// </summary>
public sealed class SlaSweepService(IStateStore store, IAlertStore alerts, PolicyProvider policy, IOptions<AlertsOptions> alertOptions, MentionGapLog gaps,
    SweepMemory memory, DueWatch dueWatch, TimeProvider time, ILogger<SlaSweepService> logger)
{
    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = policy.Current;
        var full = !memory.SweptFully; // the mappings may have changed since the verdicts stored: judge everything once
        var history = await alerts.HistoryAsync(cancellationToken);
        var o = alertOptions.Value;

        // Cases with an open finding that still needs its first post (a sweep stopped after the ledger was written)
        // or whose reminder is due.
        var alertDue = (await store.OpenFindingsAsync(cancellationToken))
            .Where(f => !history.ByBreach.TryGetValue(f.BreachKey, out var h) || ReminderDue(h, o) <= now)
            .Select(f => f.CaseId).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var stored = await StoredState.LoadCasesAsync(store, current, cancellationToken);
        var all = stored.Cases.ToList();
        var trackedIds = stored.TrackedIds;
        var unjudged = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // keeps its open findings: no resolution note, no closing
        foreach (var (id, error) in stored.Unreadable)
        {
            SyncLog.CaseNotJudged(logger, id, error);
            unjudged.Add(id);
        }

        var toJudge = full ? all : Due(all, alertDue, now);
        var cases = toJudge.Select(x => x.Case).ToList();

        // The org context sees every tracked case (backlogs, whether the org records owner history), judged or not.
        var org = await StoredState.LoadOrgAsync(store, current, all.Select(x => x.Case).ToList(), cancellationToken);
        var engine = new PolicyEngine(current);
        var judgements = engine.JudgeEach(cases, org, now, (c, ex) =>
        {
            SyncLog.CaseNotJudged(logger, c.Id, ex.Message);
            unjudged.Add(c.Id);
        }, id => history.LastTemplateByCase.GetValueOrDefault(id));
        var findings = judgements.SelectMany(j => j.Findings).ToList();
        gaps.Report(logger, findings);
        await store.RememberPacksAsync(Packs(engine, cases, org), cancellationToken);

        var judgedIds = judgements.Select(j => j.CaseId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var scope = full ? FindingsScope.All(unjudged) : new FindingsScope(judgedIds, trackedIds, unjudged);
        // New breaches, due reminders (re-judged at their escalation level) and resolution notes go to the outbox in
        // the same transaction as the ledger change they come from.
        var byId = cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var byKey = findings.ToDictionary(f => f.BreachKey, StringComparer.Ordinal);
        var baseline = await BaselineAsync(o, now, cancellationToken);
        var commit = await store.CommitSweepAsync(findings, scope, now, ledger =>
        {
            var planned = AlertPlanner.Plan(findings, ledger, history,
                (f, level, avoid) => engine.Evaluate(byId[f.CaseId], org, now, avoid, level, TemplatePurpose.Reminder).FirstOrDefault(x => x.BreachKey == f.BreachKey),
                (c, avoid) => MessageComposer.Compose(new MessageFields(c.CaseNumber, byId.GetValueOrDefault(c.CaseId)?.Subject, c.Detail ?? c.RuleId, null, c.Pack ?? "",
                    c.RuleId, c.Kind, c.BreachKey), current, now, avoid, TemplatePurpose.Resolution),
                // A note only for an open case judged in this sweep: a deleted case has no feed left, and a closed one is
                // judged by its closing rules alone, so a breach not repeated there was not resolved by anyone.
                c => byId.TryGetValue(c.CaseId, out var judged) && !judged.IsClosed && current.Rules.TryGetValue(c.RuleId, out var r) && r.ResolutionNote,
                o, now, baseline);
            var clearedByKey = ledger.Cleared.ToDictionary(c => c.BreachKey, StringComparer.Ordinal);
            return planned.Select(a => AlertShaper.Shape(a, byKey.GetValueOrDefault(a.BreachKey), clearedByKey.GetValueOrDefault(a.BreachKey),
                byId.GetValueOrDefault(a.CaseId)?.Subject, current, now)).ToList();
        }, cancellationToken);
        var ledger = commit.Ledger;
        SyncLog.Sweep(logger, cases.Count, now, findings.Count, ledger.Opened.Count, ledger.ClearedKeys.Count);
        AlertsLog.Queued(logger, commit.Queued, commit.Planned.Count(a => a.Purpose == AlertPurpose.Breach && a.State != AlertState.Baseline),
            commit.Planned.Count(a => a.Purpose == AlertPurpose.Reminder), commit.Planned.Count(a => a.Purpose == AlertPurpose.Resolution));
        if (commit.Planned.Where(a => a.State == AlertState.Baseline).ToList() is { Count: > 0 } quiet)
        {
            AlertsLog.Baseline(logger, quiet.Count, string.Join(", ", quiet.GroupBy(a => byKey.TryGetValue(a.BreachKey, out var f) ? f.Pack : "?")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        }

        // Each judged case is clean until it changes, and is judged again at its next instant.
        var storedById = toJudge.ToDictionary(x => x.Case.Id, x => x.Stored, StringComparer.OrdinalIgnoreCase);
        await store.RecordJudgedAsync(judgements.Select(j => new JudgedCase(j.CaseId, storedById[j.CaseId].Dirty, j.NextChange, byId[j.CaseId].OwnerId)).ToList(),
            cancellationToken);

        // Closed cases had their closing judgement (its alerts are queued): they leave the tracked set.
        await store.FinishClosedCasesAsync(cases.Where(c => c.IsClosed && judgedIds.Contains(c.Id) && !unjudged.Contains(c.Id) && c.SystemModstamp is not null)
            .Select(c => (c.Id, c.SystemModstamp!.Value)).ToList(), cancellationToken);
        memory.SweptFully = true;

        // After this sweep's instant only: an earlier one belongs to a case it could not judge, and would wake it in a loop.
        var next = Earliest(await store.NextDueAsync(now, cancellationToken), history.ByBreach.Values.Select(h => ReminderDue(h, o)).Where(d => d > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min());
        dueWatch.Arm(next);
        return new SweepReport(all.Count, findings, ledger) { Judged = judgements.Count, NextDue = next };
    }

    /// <summary>
    /// Which new findings the first start keeps quiet about: those due more than Alerts:BaselineHorizon before the
    /// first sweep on this database (recorded then), whenever their case is first judged. Critical findings always go
    /// out. Null when the baseline is off.
    /// </summary>
    private async Task<Func<Finding, bool>?> BaselineAsync(AlertsOptions o, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!o.FirstStartBaseline)
        {
            return null;
        }

        if (await store.GetWatermarkAsync(FirstStartMark, cancellationToken) is not { } firstStart)
        {
            await store.SetWatermarkAsync(FirstStartMark, now, cancellationToken);
            firstStart = now;
        }

        var cutoff = firstStart - o.BaselineHorizon;
        // Only what has a due instant can be known to be old: a finding without one (a missing field, a backlog over its
        // cap, a GAR mismatch) may have arisen at any moment, so it is posted as usual.
        return f => f.Severity != Severity.Critical && f.DueAt is { } due && due < cutoff;
    }

    /// <summary>The watermark holding the instant of the first sweep on this state database.</summary>
    public const string FirstStartMark = "FirstStart";

    /// <summary>
    /// The cases a sweep must judge: changed, closing, due, or with an alert to plan, and every other case of their
    /// owners now and at their last judgement (an owner's backlog counts all their cases).
    /// </summary>
    private static List<(CaseSnapshot Case, TrackedCase Stored)> Due(List<(CaseSnapshot Case, TrackedCase Stored)> all, HashSet<string> alertDue, DateTimeOffset now)
    {
        var due = all.Where(x => x.Stored.Dirty > 0 || x.Stored.Closing || x.Stored.NextAt <= now || alertDue.Contains(x.Case.Id)).ToList();
        var owners = due.SelectMany(x => new[] { x.Case.OwnerId, x.Stored.JudgedOwner })
            .Where(id => SalesforceId.HasPrefix(id, SalesforceId.UserPrefix)).Select(id => SalesforceId.To18(id!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ids = due.Select(x => x.Case.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return all.Where(x => ids.Contains(x.Case.Id) || (SalesforceId.IsValid(x.Case.OwnerId) && owners.Contains(SalesforceId.To18(x.Case.OwnerId!)))).ToList();
    }

    /// <summary>When the next reminder of a breach falls due (never while a post of it is in flight, or once acknowledged).</summary>
    private static DateTimeOffset ReminderDue(BreachHistory h, AlertsOptions options) => h.ReminderDue(options.ReminderInterval) ?? DateTimeOffset.MaxValue;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) =>
        b == DateTimeOffset.MaxValue ? a : a is null || b < a ? b : a;

    /// <summary>Packs decided or re-decided this sweep (a new case, or a record-type change).</summary>
    private static List<(string CaseId, string Pack, string? RecordType)> Packs(PolicyEngine engine, List<CaseSnapshot> cases, OrgContext org) =>
        cases.Where(c => !c.IsClosed)
            .Select(c => (Case: c, Pack: engine.PackOf(c, org)))
            .Where(x => x.Pack is not null && (x.Case.RememberedPack is not { } r || r.Pack != x.Pack || !string.Equals(r.RecordType, x.Case.RecordType, StringComparison.Ordinal)))
            .Select(x => (x.Case.Id, x.Pack!, x.Case.RecordType)).ToList();
}

/// <summary>What the sweep remembers for the life of the process: whether it has judged every case once.</summary>
public sealed class SweepMemory
{
    public bool SweptFully { get; set; }
}
