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
/// <param name="Cases">Tracked cases.</param>
/// <param name="Findings">Findings of the cases it judged.</param>
public sealed record SweepReport(int Cases, int Findings)
{
    /// <summary>Batches it read, judged and committed one by one (<see cref="SyncOptions.SweepBatch"/> cases each).</summary>
    public int Batches { get; init; }

    /// <summary>Cases judged by this sweep (the others were unchanged and not yet due).</summary>
    public int Judged { get; init; }

    /// <summary>When the worker wakes up next to judge a case whose clock comes due (null: nothing ahead).</summary>
    public DateTimeOffset? NextDue { get; init; }

    /// <summary>Breaches new to the ledger, by kind.</summary>
    public IReadOnlyDictionary<FindingKind, int> OpenedByKind { get; init; } = new Dictionary<FindingKind, int>();

    public int Opened => OpenedByKind.Values.Sum();

    /// <summary>Breach keys the sweep cleared.</summary>
    public IReadOnlyList<string> ClearedKeys { get; init; } = [];

    /// <summary>Cases read again from Salesforce before alerting, their findings having arisen after the last case sync started.</summary>
    public int ReadAgain { get; init; }

    /// <summary>Cases left unjudged because reading them again failed: judged at a later sweep.</summary>
    public int NotReadAgain { get; init; }
}

/// <summary>
/// Judges tracked cases from stored state only (no Salesforce call), so a case that nobody touches still breaches on
/// time. It judges the cases that changed (or whose people, routing, presence or GAR answers changed), those whose
/// next instant has come, those with an alert to plan, and the other cases of their owners (a backlog is counted
/// per owner); the first sweep of a process judges every case. A case the sync saw close is judged once more, at
/// its closed date, by the closing rules, and then leaves the tracked set; the findings of that judgement stay open until
/// their alerts are posted (one held off-shift waits for the team's hours). New breach keys enter the findings ledger;
/// breaches of judged cases that no longer hold are cleared; the pack decided for each case is remembered; each
/// judged case keeps its next instant, and the worker wakes up at the earliest one (<see cref="DueWatch"/>). A case
/// the rules cannot judge is logged and keeps its findings; the others are still judged.
/// <para>
/// The stored cases are as Salesforce held them when the last case sync started. A finding that arose after that
/// instant (a deadline or a warning passed since) may already be answered there: a call made, an e-mail sent in the last
/// minute. Before it is alerted, the sweep reads its case again by id (one query per 200 cases, children included),
/// stores it and judges it on what it reads; when Salesforce cannot be read, the case is left unjudged, accused of
/// nothing new, and judged again at the next sweep. A finding already alerted is read again only when its reminder came
/// due after that instant: a reminder says the breach still holds, which a call made meanwhile may have made untrue.
/// </para>
/// <para>
/// Memory does not grow with the tracked cases' records: the sweep chooses from a compact index (no record), reads
/// the records it judges <see cref="SyncOptions.SweepBatch"/> at a time, and commits each batch's findings and alerts
/// in one transaction before reading the next. The backlog counts every tracked case from the entry its last
/// judgement stored, refreshed for the cases read now.
/// </para>
/// </summary>
public sealed class SlaSweepService(IStateStore store, IAlertStore alerts, PolicyProvider policy, IOptions<AlertsOptions> alertOptions, IOptions<SyncOptions> syncOptions,
    MentionGapLog gaps, SweepMemory memory, DueWatch dueWatch, CaseSyncService caseSync, OmniChannelSyncService omniSync, TimeProvider time,
    ILogger<SlaSweepService> logger)
{
    /// <summary>What reading a case now says about it, for the backlog and for choosing the other cases of its owner.</summary>
    private sealed record Fresh(OpenCaseRef? Open, bool OwnerHistory, string? Owner);

    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var syncedAt = await store.GetWatermarkAsync(CaseSyncService.SyncedMark, cancellationToken);
        if (syncedAt is null)
        {
            // A new database before its first case sync has finished has nothing whole to judge (a backfill stores its pages
            // as it reads them: judged part-way, the first start would baseline only the cases stored so far); the sync wakes
            // the sweep when it is done, and that sweep (not this one) is the process's full sweep and the first start.
            SyncLog.SweepWaitsForFirstSync(logger);
            return new SweepReport(0, 0);
        }

        var current = policy.Current;
        // The first sweep of a process judges every case when the stored verdicts were judged under other mappings or
        // another build (or not all under one); otherwise they stand, and it judges what changed or came due, as any sweep.
        var full = !memory.SweptFully && await NeedsFullSweepAsync(cancellationToken);
        var o = alertOptions.Value;

        // Cases with an open finding that still needs its first post (a sweep stopped after the ledger was written)
        // or whose reminder is due; the outbox history itself is read per batch, for the cases judged.
        var (alertDue, nextReminder) = await alerts.AlertsToPlanAsync(o.ReminderInterval, now, cancellationToken);

        var trim = new HeapTrim(logger, "sla-sweep");
        trim.Begin(); // what the syncs before this sweep left, before it loads the index and the Omni-Channel rows
        var index = await store.LoadCaseIndexAsync(cancellationToken);
        var unjudged = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // keeps its open findings: no resolution note, no closing
        // Marked before the users are looked for, and their mark read before them: an org-data sync that stores them meanwhile
        // still finds the mark and wakes a sweep, and users read by then are in the data loaded next.
        memory.WaitedForUsers = true;
        var usersRead = await store.GetWatermarkAsync(OmniChannelSyncService.UsersReadMark, cancellationToken) is not null;
        var data = await StoredState.LoadOrgDataAsync(store, current, cancellationToken);
        var partial = new OrgContext(data);
        if (!partial.HasUsers && !usersRead)
        {
            // The users come with the Omni-Channel and org-data sync, which runs apart from the case sync. Judged before it
            // has read them once, an inactive, portal or integration user could be mentioned, and every author would count
            // as an agent. The next sweep after that sync has read them judges what waited.
            SyncLog.SweepWaitsForUsers(logger); // the org-data sync wakes the sweep once it has run
            return new SweepReport(0, 0);
        }

        memory.WaitedForUsers = false;

        // Read the cases that changed or came due: their owners now, and how they count in the backlog now.
        var due = full ? index.ToList() : index.Where(e => e.Dirty > 0 || e.Closing || e.NextAt <= now || alertDue.Contains(e.Id)).ToList();
        var fresh = new Dictionary<string, Fresh>(StringComparer.OrdinalIgnoreCase);
        var batchSize = syncOptions.Value.SweepBatch;
        var kept = due.Count <= batchSize ? new Dictionary<string, (CaseSnapshot Case, int Dirty)>(StringComparer.OrdinalIgnoreCase) : null;
        await ReadAsync(due.Select(e => e.Id).ToList(), current, unjudged, (c, stored) =>
        {
            fresh[c.Id] = new Fresh(OrgContextBuilder.OpenRef(c, partial, current), OrgContextBuilder.ShowsOwnerHistory(c), c.OwnerId);
            kept?.Add(c.Id, (c, stored.Dirty));
            trim.Done(1);
        }, cancellationToken);

        var judge = full ? due.Select(e => e.Id).ToList() : WithTheirOwnersCases(index, due, fresh);
        var org = partial.WithOpenCases(
            index.Where(e => !unjudged.Contains(e.Id)).Select(e => fresh.TryGetValue(e.Id, out var f) ? f.Open : e.Open).OfType<OpenCaseRef>().ToList(),
            index.Any(e => fresh.TryGetValue(e.Id, out var f) ? f.OwnerHistory : e.OwnerHistory));
        var engine = new PolicyEngine(current);
        var baseline = await BaselineAsync(o, now, cancellationToken);

        var tally = new Tally { SyncedAt = syncedAt, OmniSyncedAt = await store.GetWatermarkAsync(OmniChannelSyncService.SyncedMark, cancellationToken) };
        var deferred = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // At least one commit, even with nothing to judge: findings of cases no longer tracked are cleared there.
        foreach (var batch in judge.Count == 0 ? [[]] : judge.Chunk(batchSize))
        {
            var cases = new List<(CaseSnapshot Case, int Dirty)>(batch.Length);
            var toRead = kept is null ? batch.ToList() : batch.Where(id => !kept.ContainsKey(id)).ToList();
            await ReadAsync(toRead, current, unjudged, (c, stored) => cases.Add((c, stored.Dirty)), cancellationToken);
            if (kept is not null)
            {
                cases.AddRange(batch.Where(kept.ContainsKey).Select(id => kept[id]));
            }

            // The first batch also clears the findings of cases no longer tracked (deleted, or closed and judged by an earlier sweep),
            // but a closing judgement's finding whose alert is still to go out.
            await JudgeBatchAsync(cases.OrderBy(x => x.Case.Id, StringComparer.Ordinal).ToList(), engine, org, partial, clearUntracked: tally.Batches++ == 0, unjudged,
                baseline, now, tally, deferred, cancellationToken);
            trim.Done(batch.Length);
        }

        // The cases whose new findings arose after the last case sync started, read again from Salesforce all together (one
        // query per 200 cases, however many batches they came from) and judged on what was read.
        foreach (var chunk in deferred.Order(StringComparer.Ordinal).Chunk(Math.Max(batchSize, CaseSyncService.RefreshChunk)))
        {
            var (again, orgNow) = await ReadAgainAsync(chunk.ToHashSet(StringComparer.OrdinalIgnoreCase), current, org, unjudged, tally, cancellationToken);
            foreach (var batch in again.OrderBy(x => x.Case.Id, StringComparer.Ordinal).Chunk(batchSize))
            {
                tally.Batches++;
                await JudgeBatchAsync([.. batch], engine, orgNow, partial, clearUntracked: false, unjudged, baseline, now, tally, deferred: null, cancellationToken);
            }
        }

        trim.End();

        SyncLog.Sweep(logger, tally.Judged, now, tally.Findings, tally.Opened.Values.Sum(), tally.Cleared.Count);
        AlertsLog.Queued(logger, tally.Queued, tally.Breaches, tally.Reminders, tally.Resolutions);
        if (tally.Baseline.Count > 0)
        {
            AlertsLog.Baseline(logger, tally.Baseline.Values.Sum(), string.Join(", ", tally.Baseline.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        }

        if (full)
        {
            await store.SetJudgedUnderAsync(JudgedScope, policy.Fingerprint, now, cancellationToken);
        }

        memory.SweptFully = true;
        // The case sync this sweep followed, for any worker of a cluster: the findings hold what changed or came due up to it.
        await store.SetWatermarkAsync(SweptAfterSyncMark, syncedAt.Value, cancellationToken);

        // After this sweep's instant only: an earlier one belongs to a case it could not judge, and would wake it in a loop.
        var next = Earliest(await store.NextDueAsync(now, cancellationToken), nextReminder ?? DateTimeOffset.MaxValue);
        dueWatch.Arm(next);
        return new SweepReport(index.Count, tally.Findings)
        {
            Batches = tally.Batches, Judged = tally.Judged, NextDue = next, OpenedByKind = tally.Opened, ClearedKeys = tally.Cleared, ReadAgain = tally.ReadAgain,
            NotReadAgain = tally.NotReadAgain,
        };
    }

    /// <summary>What the batches of one sweep add up to, for its log lines and report.</summary>
    private sealed class Tally
    {
        public int Batches { get; set; }

        public int Judged { get; set; }

        public int Findings { get; set; }

        public Dictionary<FindingKind, int> Opened { get; } = [];

        public List<string> Cleared { get; } = [];

        public int Queued { get; set; }

        public int Breaches { get; set; }

        public int Reminders { get; set; }

        public int Resolutions { get; set; }

        /// <summary>First-start baseline findings by pack.</summary>
        public Dictionary<string, int> Baseline { get; } = new(StringComparer.Ordinal);

        /// <summary>When the last case sync that finished started (null: none recorded it).</summary>
        public DateTimeOffset? SyncedAt { get; init; }

        /// <summary>When the last complete Omni-Channel sync started (null: none recorded).</summary>
        public DateTimeOffset? OmniSyncedAt { get; init; }

        /// <summary>
        /// When what a finding was judged on was last read: the case sync's start, or for a rule that reads Omni-Channel rows
        /// the earlier of it and the Omni-Channel sync's (after a restart the case sync can finish first, and the routing rows
        /// stored before the stop would still say a case accepted meanwhile is waiting). Null: not known, so read again.
        /// </summary>
        public DateTimeOffset? ReadAt(Finding f) =>
            RuleCatalog.Rules.TryGetValue(f.RuleId, out var info) && info.OmniChannel
                ? SyncedAt is { } cases && OmniSyncedAt is { } omni ? (cases < omni ? cases : omni) : null
                : SyncedAt;

        public int ReadAgain { get; set; }

        /// <summary>Cases to read again whose Omni-Channel rows are read again with them.</summary>
        public HashSet<string> OmniAgain { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int NotReadAgain { get; set; }
    }

    /// <summary>
    /// Judges one batch and commits it: new breaches, due reminders (re-judged at their escalation level) and
    /// resolution notes go to the outbox in the same transaction as the ledger change they come from; then each judged
    /// case is recorded clean with its next instant and backlog entry, and closed cases that had their closing
    /// judgement leave the tracked set.
    /// </summary>
    private async Task JudgeBatchAsync(List<(CaseSnapshot Case, int Dirty)> batch, PolicyEngine engine, OrgContext org, OrgContext partial,
        bool clearUntracked, HashSet<string> unjudged, Func<Finding, bool>? baseline, DateTimeOffset now, Tally tally, HashSet<string>? deferred,
        CancellationToken cancellationToken)
    {
        var current = engine.Policy;
        var o = alertOptions.Value;
        var cases = batch.Select(x => x.Case).ToList();
        var history = await alerts.HistoryAsync(cases.Select(c => c.Id).ToList(), cancellationToken);
        List<CaseJudgement> Judge(List<CaseSnapshot> these) => engine.JudgeEach(these, org, now, (c, ex) =>
        {
            SyncLog.CaseNotJudged(logger, c.Id, ex.Message);
            unjudged.Add(c.Id);
        }, id => history.LastTemplateByCase.GetValueOrDefault(id));

        var judgements = Judge(cases);
        // A case with a new finding that arose after the last case sync started (or one nobody was told of yet: a breach
        // whose posts were all withdrawn, a new instance after a resolution note), or whose reminder came due since, is left
        // out of this batch, to be read again after the last one (deferred null: these are the cases read again).
        var doubtful = deferred is null ? [] : judgements.Where(j => j.Findings.Any(f => history.ByBreach.TryGetValue(f.BreachKey, out var h) && h.RequeueSequence is null
                ? AlertPlanner.GetsReminders(f) && h.ReminderDue(o.ReminderInterval) is { } due && due <= now && (tally.ReadAt(f) is not { } synced || due > synced)
                : AroseSince(f, tally.ReadAt(f))))
            .Select(j => j.CaseId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (doubtful.Count > 0)
        {
            deferred!.UnionWith(doubtful);
            // Those whose findings come from Omni-Channel rows have their rows read again too (the others cost no query for them).
            tally.OmniAgain.UnionWith(judgements.Where(j => doubtful.Contains(j.CaseId) &&
                    j.Findings.Any(f => RuleCatalog.Rules.TryGetValue(f.RuleId, out var info) && info.OmniChannel))
                .Select(j => j.CaseId));
            batch = batch.Where(x => !doubtful.Contains(x.Case.Id)).ToList();
            cases = batch.Select(x => x.Case).ToList();
            judgements = judgements.Where(j => !doubtful.Contains(j.CaseId)).ToList();
        }

        var findings = judgements.SelectMany(j => j.Findings).ToList();
        gaps.Report(logger, findings);
        await store.RememberPacksAsync(Packs(engine, cases, org), cancellationToken);

        var judgedIds = judgements.Select(j => j.CaseId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A closing judgement's alert held off-shift outlives its case in the tracked set, unless its rule is switched off meanwhile.
        var scope = new FindingsScope(judgedIds, unjudged, clearUntracked)
        {
            ClosingRules = !clearUntracked ? new HashSet<string>(StringComparer.Ordinal) // read only where the untracked are cleared
                : current.Rules.Values.Where(r => r.Enabled && RuleCatalog.Rules.TryGetValue(r.RuleId, out var info) && info.Closing).Select(r => r.RuleId)
                    .ToHashSet(StringComparer.Ordinal),
            MaxAttempts = o.MaxAttempts,
        };
        var byId = cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var byKey = findings.ToDictionary(f => f.BreachKey, StringComparer.Ordinal);
        var dirtyById = batch.ToDictionary(x => x.Case.Id, x => x.Dirty, StringComparer.OrdinalIgnoreCase);
        var pausedById = judgements.Where(j => j.PausedRules is not null).ToDictionary(j => j.CaseId, j => j.PausedRules!, StringComparer.OrdinalIgnoreCase);
        var commit = await store.CommitSweepAsync(findings, scope, now, ledger =>
        {
            var planned = AlertPlanner.Plan(findings, ledger, history,
                (f, level, avoid) => engine.Evaluate(byId[f.CaseId], org, now, avoid, level, TemplatePurpose.Reminder).FirstOrDefault(x => x.BreachKey == f.BreachKey),
                (c, avoid) => MessageComposer.Compose(new MessageFields(c.CaseNumber, byId.GetValueOrDefault(c.CaseId)?.Subject, c.Detail ?? c.RuleId, null, c.Pack ?? "",
                    c.RuleId, c.Kind, c.BreachKey), current, now, avoid, TemplatePurpose.Resolution),
                c => Resolved(c, byId, dirtyById, pausedById, current),
                o, now, baseline);
            var clearedByKey = ledger.Cleared.ToDictionary(c => c.BreachKey, StringComparer.Ordinal);
            return planned.Select(a => AlertShaper.Shape(a, byKey.GetValueOrDefault(a.BreachKey), clearedByKey.GetValueOrDefault(a.BreachKey),
                byId.GetValueOrDefault(a.CaseId)?.Subject, current, now)).ToList();
        }, cancellationToken);

        tally.Judged += judgements.Count;
        tally.Findings += findings.Count;
        foreach (var f in commit.Ledger.Opened)
        {
            tally.Opened[f.Kind] = tally.Opened.GetValueOrDefault(f.Kind) + 1;
        }

        tally.Cleared.AddRange(commit.Ledger.Cleared.Select(c => c.BreachKey));
        tally.Queued += commit.Queued;
        tally.Breaches += commit.Planned.Count(a => a.Purpose == AlertPurpose.Breach && a.State != AlertState.Baseline && !a.Replaces);
        tally.Reminders += commit.Planned.Count(a => a.Purpose == AlertPurpose.Reminder && !a.Replaces);
        tally.Resolutions += commit.Planned.Count(a => a.Purpose == AlertPurpose.Resolution);
        foreach (var a in commit.Planned.Where(a => a.State == AlertState.Baseline))
        {
            var pack = byKey.TryGetValue(a.BreachKey, out var f) ? f.Pack : "?";
            tally.Baseline[pack] = tally.Baseline.GetValueOrDefault(pack) + 1;
        }

        // Each judged case is clean until it changes, and is judged again at its next instant; its backlog entry and facts are kept for the next sweeps.
        await store.RecordJudgedAsync(judgements.Select(j =>
        {
            var c = byId[j.CaseId];
            return new JudgedCase(j.CaseId, dirtyById[j.CaseId], j.NextChange, c.OwnerId)
            {
                Open = OrgContextBuilder.OpenRef(c, partial, current),
                OwnerHistory = OrgContextBuilder.ShowsOwnerHistory(c),
                Facts = CaseFacts.Of(c),
            };
        }).ToList(), cancellationToken);

        // Closed cases had their closing judgement (its alerts are queued): they leave the tracked set.
        await store.FinishClosedCasesAsync(cases.Where(c => c.IsClosed && judgedIds.Contains(c.Id) && !unjudged.Contains(c.Id) && c.SystemModstamp is not null)
            .Select(c => (c.Id, c.SystemModstamp!.Value)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Whether a cleared breach was resolved on the case, so its note is posted: only for an open case judged in this
    /// sweep that changed since it was last judged (something happened on it: a deleted case has no feed left, a closed
    /// one is judged by its closing rules alone, and a breach that stopped holding because a rule was switched off or its
    /// target lengthened in the mappings was resolved by no one), of a rule that is on and writes notes, and whose clock is
    /// not paused (a warning while the case waits on the customer is on hold: it comes back when the clock runs again).
    /// </summary>
    private static bool Resolved(ClearedFinding cleared, Dictionary<string, CaseSnapshot> byId, Dictionary<string, int> dirtyById,
        Dictionary<string, IReadOnlySet<string>> pausedById, Policy current) =>
        byId.TryGetValue(cleared.CaseId, out var judged) && !judged.IsClosed && dirtyById.GetValueOrDefault(cleared.CaseId) > 0 &&
        current.Rules.TryGetValue(cleared.RuleId, out var rule) && rule.Enabled && rule.ResolutionNote &&
        !(pausedById.TryGetValue(cleared.CaseId, out var paused) && paused.Contains(cleared.RuleId));

    /// <summary>
    /// Whether a finding began to hold, by the passing of time, after the stored cases were read from Salesforce (any
    /// such finding when no sync recorded when it started).
    /// </summary>
    private static bool AroseSince(Finding f, DateTimeOffset? syncedAt) => f.Since is { } since && (syncedAt is not { } synced || since > synced);

    /// <summary>
    /// Reads cases again from Salesforce, stores them and returns them as stored now, with the org to judge them in: for
    /// the cases whose findings come from Omni-Channel rows, those rows as Salesforce holds them now (an acceptance since
    /// the last sync stops GSO-04's and PIT-03's clocks). A case Salesforce no longer returns, or that cannot be read, is
    /// left unjudged; so is every one of them when Salesforce cannot be read.
    /// </summary>
    private async Task<(List<(CaseSnapshot Case, int Dirty)> Cases, OrgContext Org)> ReadAgainAsync(HashSet<string> ids, Policy current, OrgContext org,
        HashSet<string> unjudged, Tally tally, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> returned;
        var omniIds = ids.Where(tally.OmniAgain.Contains).ToList();
        try
        {
            returned = await caseSync.ReadAgainAsync(ids, cancellationToken);
            if (omniIds.Count > 0)
            {
                var (work, pending) = await omniSync.ReadAgainAsync(omniIds, cancellationToken);
                org = org.WithOmniChannelOf(omniIds, work, pending);
            }
        }
        catch (SalesforceApiException ex)
        {
            // Every failure of the org or of the way to it (no answer, a refusal, a broken page) reaches here as this one type.
            SyncLog.NotReadAgain(logger, ids.Count, tally.SyncedAt, ex.ErrorCode, ex.Message);
            unjudged.UnionWith(ids);
            tally.NotReadAgain += ids.Count;
            return ([], org);
        }

        SyncLog.ReadAgain(logger, ids.Count, tally.SyncedAt);
        tally.ReadAgain += ids.Count;
        var read = new List<(CaseSnapshot Case, int Dirty)>();
        await ReadAsync(ids.Where(returned.Contains).ToList(), current, unjudged, (c, stored) => read.Add((c, stored.Dirty)), cancellationToken);
        unjudged.UnionWith(ids.Except(read.Select(x => x.Case.Id), StringComparer.OrdinalIgnoreCase));
        return (read, org);
    }

    /// <summary>
    /// Reads stored cases as they come from the database, each record parsed, read and let go before the next (only
    /// what the rules read of a case is kept); one that cannot be read is logged and left unjudged.
    /// </summary>
    private async Task ReadAsync(IReadOnlyList<string> ids, Policy current, HashSet<string> unjudged, Action<CaseSnapshot, TrackedCase> read,
        CancellationToken cancellationToken)
    {
        await store.ForEachTrackedCaseAsync(ids, stored =>
        {
            var (c, error, readId) = StoredState.Read(stored, current);
            if (c is null)
            {
                var id = readId ?? "?";
                if (unjudged.Add(id))
                {
                    SyncLog.CaseNotJudged(logger, id, error!);
                }

                return;
            }

            read(c, stored);
        }, cancellationToken);
    }

    /// <summary>
    /// Which new findings the first start keeps quiet about: those due more than Alerts:BaselineHorizon before the
    /// first sweep on this database (recorded then), whenever their case is first judged; and, in that first sweep only,
    /// those without a due instant (a missing field, an incomplete comment, a case that already needed the critical mark:
    /// what the org already held when SfBridge started; SfBridge still sets the mark). Any other critical finding always
    /// goes out. Null when the baseline is off.
    /// </summary>
    private async Task<Func<Finding, bool>?> BaselineAsync(AlertsOptions o, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!o.FirstStartBaseline)
        {
            return null;
        }

        var first = false;
        if (await store.GetWatermarkAsync(FirstStartMark, cancellationToken) is not { } firstStart)
        {
            await store.SetWatermarkAsync(FirstStartMark, now, cancellationToken);
            firstStart = now;
            first = true;
        }

        var cutoff = firstStart - o.BaselineHorizon;
        // A finding with a due instant is old when it was due before the cutoff. One without (a missing field, a backlog
        // over its cap) may arise at any moment: it is old only when the first sweep finds it, over the cases the org
        // held at the start; found later, it is new and posted. A case that needed the critical mark then (GSO-06) is
        // marked all the same (the marker reads the ledger), without one post per case; any other finding an admin made
        // critical in rules.csv is always posted.
        return f => (f.DueAt is { } due ? due < cutoff : first) && (f.Severity != Severity.Critical || f.Kind == FindingKind.Critical);
    }

    /// <summary>
    /// Whether the stored verdicts and backlog entries were judged under other mappings or another build than this
    /// process's (or never all under one: no full sweep finished yet), so that every tracked case must be judged again.
    /// </summary>
    private async Task<bool> NeedsFullSweepAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetJudgedUnderAsync(JudgedScope, cancellationToken);
        if (stored is { } s && string.Equals(s.Fingerprint, policy.Fingerprint, StringComparison.Ordinal))
        {
            SyncLog.SweepKeepsVerdicts(logger, s.At);
            return false;
        }

        SyncLog.SweepJudgesEveryCase(logger, stored is null ? "no full sweep has finished on this database yet" : "the mappings or the SfBridge build changed since the last full sweep");
        return true;
    }

    /// <summary>The scope under which the fingerprint of the last finished full sweep is stored.</summary>
    public const string JudgedScope = "sweep";

    /// <summary>The watermark holding the instant of the first sweep on this state database.</summary>
    public const string FirstStartMark = "FirstStart";

    /// <summary>The start of the case sync the last finished sweep followed (see <see cref="SweepMemory.IsCurrentAsync"/>).</summary>
    public const string SweptAfterSyncMark = "SweptAfterSync";

    /// <summary>
    /// The cases a sweep must judge: those changed, closing, due, or with an alert to plan, and every other case of
    /// their owners now and at their last judgement whose backlog it changed (an owner's backlog counts all their open
    /// cases: a case that arrives, leaves, closes, changes pack or age for it changes the others' verdicts; one that only
    /// came due or had a comment does not), in id order.
    /// </summary>
    private static List<string> WithTheirOwnersCases(IReadOnlyList<CaseIndexEntry> index, List<CaseIndexEntry> due, Dictionary<string, Fresh> fresh)
    {
        var owners = due.Where(e => !fresh.TryGetValue(e.Id, out var now) ? e.Open is not null : now.Open != e.Open || e.JudgedOwner is null)
            .SelectMany(e => new[] { fresh.GetValueOrDefault(e.Id)?.Owner, e.JudgedOwner })
            .Where(id => SalesforceId.HasPrefix(id, SalesforceId.UserPrefix)).Select(id => SalesforceId.To18(id!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ids = due.Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A case not due is unchanged since its last judgement: its owner now is the owner it was judged with.
        return index.Where(e => ids.Contains(e.Id) || (SalesforceId.IsValid(e.JudgedOwner) && owners.Contains(SalesforceId.To18(e.JudgedOwner!))))
            .Select(e => e.Id).ToList();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) =>
        b == DateTimeOffset.MaxValue ? a : a is null || b < a ? b : a;

    /// <summary>Packs decided or re-decided this sweep (a new case, or a record-type change).</summary>
    private static List<(string CaseId, string Pack, string? RecordType)> Packs(PolicyEngine engine, List<CaseSnapshot> cases, OrgContext org) =>
        cases.Where(c => !c.IsClosed)
            .Select(c => (Case: c, Pack: engine.PackOf(c, org)))
            .Where(x => x.Pack is not null && (x.Case.RememberedPack is not { } r || r.Pack != x.Pack || !string.Equals(r.RecordType, x.Case.RecordType, StringComparison.Ordinal)))
            .Select(x => (x.Case.Id, x.Pack!, x.Case.RecordType)).ToList();
}

/// <summary>What the sweep remembers for the life of the process.</summary>
public sealed class SweepMemory(TimeProvider time)
{
    private volatile bool _waitedForUsers;

    /// <summary>Whether the process has swept once (and so judged every case, when its stored verdicts needed it).</summary>
    public bool SweptFully { get; set; }

    /// <summary>When the process started sweeping and syncing (this memory's first use).</summary>
    public DateTimeOffset Started { get; } = time.GetUtcNow();

    /// <summary>
    /// Whether a sweep, on any worker of a cluster, has finished after a case sync that began once this process had started:
    /// from then on the findings hold what changed or came due while the worker was down (a restart at the opening has not
    /// recorded it before).
    /// </summary>
    public async Task<bool> IsCurrentAsync(IStateStore store, CancellationToken cancellationToken) =>
        await store.GetWatermarkAsync(SlaSweepService.SweptAfterSyncMark, cancellationToken) >= Started;

    /// <summary>Whether a sweep waited for the org's users: the org-data sync then wakes the sweep when it has run.</summary>
    public bool WaitedForUsers { get => _waitedForUsers; set => _waitedForUsers = value; }
}
