using System.Text.Json.Nodes;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.State;

/// <summary>A case version stored by a sync page, with the facts other jobs read without its record.</summary>
public sealed record CaseUpsert(string Id, DateTimeOffset SystemModstamp, string Json, bool Closing = false, CaseFacts? Facts = null)
{
    /// <summary>
    /// Comments, e-mails and tasks the record brought, changed recently enough for the next child-change read to
    /// return them: stored with the case as seen at their SystemModstamp, so that read does not fetch the case again.
    /// </summary>
    public IReadOnlyList<SeenChild> Children { get; init; } = [];
}

/// <summary>A child record of a case (CaseComment, EmailMessage, Task) as last seen.</summary>
public sealed record SeenChild(string Id, string ObjectName, DateTimeOffset SystemModstamp);

/// <summary>
/// What the Omni-Channel and GAR jobs need of a tracked case, kept in columns beside its record so they never read and
/// parse every stored case: its number, owner, account, GAR order number and escalation category.
/// </summary>
public sealed record CaseFacts(string? CaseNumber, string? OwnerId, string? AccountId, string? OrderNumber, string? Category)
{
    public static CaseFacts Of(CaseSnapshot c) =>
        new(c.CaseNumber, c.OwnerId, c.AccountId, c.Field(LogicalField.OrderNumber), c.Field(LogicalField.EscalationCategory));
}

/// <summary>
/// A tracked case as the sweep sees it before reading any record: whether it changed or comes due, its owner at its
/// last judgement, and how it counted in its owner's backlog then (null: not an open case of a pack).
/// </summary>
public sealed record CaseIndexEntry(string Id, bool Closing, int Dirty, DateTimeOffset? NextAt, string? JudgedOwner, OpenCaseRef? Open, bool OwnerHistory);

/// <summary>A case that left the tracked set (deleted, or quarantined) at a version.</summary>
public sealed record CaseRemoval(string Id, DateTimeOffset SystemModstamp, string Reason);

/// <summary>A tracked case as stored: its record, the pack the worker decided for it (and the record type it had then), and whether it closed.</summary>
public sealed record TrackedCase(string Json, string? Pack, string? PackRecordType, bool Closing)
{
    /// <summary>Its id as stored (the record's own may be unreadable; empty Json: no record is stored for it).</summary>
    public required string Id { get; init; }

    /// <summary>Changes stored since the sweep last judged it (0: judged at its current state).</summary>
    public int Dirty { get; init; }

    /// <summary>The next instant its verdict can change by time alone, as of its last judgement.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>Its owner when it was last judged (a case leaving an owner changes that owner's backlog).</summary>
    public string? JudgedOwner { get; init; }
}

/// <summary>A case the sweep judged: the change count it saw, its next instant, its owner then.</summary>
public sealed record JudgedCase(string Id, int Dirty, DateTimeOffset? NextAt, string? Owner)
{
    /// <summary>How it counts in its owner's backlog (null: not an open case of a pack).</summary>
    public OpenCaseRef? Open { get; init; }

    /// <summary>Whether its record shows owner changes (the org records owner history).</summary>
    public bool OwnerHistory { get; init; }

    /// <summary>Its facts as read under the current mappings (null: leave those stored).</summary>
    public CaseFacts? Facts { get; init; }
}

/// <summary>A record set aside with the reason (it is not lost: its payload is kept).</summary>
public sealed record Quarantined(string ObjectName, string? Id, string Reason, string? Payload);

/// <summary>
/// Everything one sync page changes, applied in one transaction together with the new watermark. Closed cases are
/// upserts marked <see cref="CaseUpsert.Closing"/>: they stay until the sweep has judged them once more.
/// </summary>
public sealed record CasePage(IReadOnlyList<CaseUpsert> Upserts, IReadOnlyList<CaseRemoval> Removals, IReadOnlyList<Quarantined> Quarantined, DateTimeOffset? Watermark);

/// <summary>
/// Which open findings a sweep batch may clear: those of the cases it judged and, when <see cref="ClearUntracked"/>
/// (the first batch of a sweep), of cases no longer tracked, but for a closing judgement's finding whose post is still
/// to go out (<see cref="ClosingRules"/>); never those of cases it could not judge.
/// </summary>
public sealed record FindingsScope(IReadOnlySet<string> Judged, IReadOnlySet<string> Unjudged, bool ClearUntracked)
{
    /// <summary>
    /// The closing rules switched on, whose findings of a case that left the tracked set after its closing judgement
    /// stay open while their first post is still to go out: held off-shift for the team's next working period, queued
    /// behind the post caps, or refused with attempts left (fewer than <see cref="MaxAttempts"/>). The closing they were
    /// judged on stands, and clearing them would withdraw a post nobody made. Posted, or their case reopened (judged
    /// again), deleted or quarantined since, or their rule switched off, they clear as any other.
    /// </summary>
    public IReadOnlySet<string> ClosingRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Alerts:MaxAttempts: a closing's post refused this many times keeps its finding open no longer.</summary>
    public int MaxAttempts { get; init; }

    public bool MayClear(string caseId) => !Unjudged.Contains(caseId);
}

/// <summary>A breach that no longer holds.</summary>
public sealed record ClearedFinding(string BreachKey, string CaseId, string CaseNumber, string RuleId)
{
    public Rules.FindingKind Kind { get; init; }

    public string? Pack { get; init; }

    public string? Detail { get; init; }
}

/// <summary>What a sweep changed in the findings ledger.</summary>
public sealed record LedgerUpdate(IReadOnlyList<Finding> Opened, IReadOnlyList<ClearedFinding> Cleared);

/// <summary>One run of a job: by which worker, and for which scheduler fire (null when not fired by the scheduler).</summary>
public sealed record JobRun(string Job, DateTimeOffset Started, DateTimeOffset Finished, bool Ok, string Detail, string Instance, string? FireId);

/// <summary>What a sweep committed: the ledger change, the alerts planned from it, and how many of them were new to the outbox.</summary>
public sealed record SweepCommit(LedgerUpdate Ledger, IReadOnlyList<Alerts.Alert> Planned, int Queued);

/// <summary>
/// Durable state: watermarks, tracked case snapshots, Omni-Channel and org records, the findings ledger,
/// quarantine and job runs. SQLite by default; a PostgreSQL implementation can follow behind this interface.
/// </summary>
public interface IStateStore
{
    /// <summary>Creates or upgrades the schema to the version this build needs.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The schema version the database is at (0: no SfBridge state there), without changing anything.</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetWatermarkAsync(string objectName, CancellationToken cancellationToken);

    Task SetWatermarkAsync(string objectName, DateTimeOffset watermark, CancellationToken cancellationToken);

    /// <summary>
    /// What the stored verdicts of <paramref name="scope"/> were judged under (a fingerprint of the mappings and the
    /// build) and when that was recorded; null when never recorded.
    /// </summary>
    Task<(string Fingerprint, DateTimeOffset At)?> GetJudgedUnderAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Records that every stored verdict of <paramref name="scope"/> was judged under <paramref name="fingerprint"/>.</summary>
    Task SetJudgedUnderAsync(string scope, string fingerprint, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Last stored SystemModstamp of each known case (tracked or already removed).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCaseVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>The stored record text of the given tracked cases (those not tracked are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> GetCaseRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Of these case children (comments, e-mails, tasks, files), the ids already recorded at that SystemModstamp or later.</summary>
    Task<IReadOnlySet<string>> GetSeenChildrenAsync(IReadOnlyCollection<(string Id, DateTimeOffset SystemModstamp)> children, CancellationToken cancellationToken);

    /// <summary>
    /// Records case children of an object as seen and moves that object's watermark, in one transaction; forgets its
    /// children older than <paramref name="forgetBefore"/> (the overlap will not read them again).
    /// </summary>
    Task RecordChildrenAsync(string objectName, IReadOnlyList<(string Id, DateTimeOffset SystemModstamp)> children, DateTimeOffset watermark, DateTimeOffset forgetBefore,
        CancellationToken cancellationToken);

    /// <summary>Which of these cases are in the tracked set now (open, or closed and waiting for their closing judgement).</summary>
    Task<IReadOnlySet<string>> GetTrackedCaseIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task ApplyCasePageAsync(CasePage page, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrackedCase>> LoadTrackedCasesAsync(CancellationToken cancellationToken);

    /// <summary>These tracked cases, each handed over as it is read (none is held after its callback returns), in no particular order.</summary>
    Task ForEachTrackedCaseAsync(IReadOnlyCollection<string> ids, Action<TrackedCase> read, CancellationToken cancellationToken);

    /// <summary>Every tracked case without its record, in id order: what the sweep needs to choose which to read.</summary>
    Task<IReadOnlyList<CaseIndexEntry>> LoadCaseIndexAsync(CancellationToken cancellationToken);

    /// <summary>Every tracked case's facts, handed over as read; null for a case stored before facts were kept (its record must be read).</summary>
    Task ForEachCaseFactsAsync(Action<string, CaseFacts?> read, CancellationToken cancellationToken);

    /// <summary>Records the pack decided for each case (with its record type then), so the case keeps it while it lives.</summary>
    Task RememberPacksAsync(IReadOnlyList<(string CaseId, string Pack, string? RecordType)> packs, CancellationToken cancellationToken);

    /// <summary>
    /// Stops tracking closed cases once the sweep gave them their closing judgement, each only if it is still stored
    /// at the version judged (a newer version stored meanwhile is judged by the next sweep).
    /// </summary>
    Task FinishClosedCasesAsync(IReadOnlyList<(string CaseId, DateTimeOffset SystemModstamp)> judged, CancellationToken cancellationToken);

    /// <summary>Keeps, per case and queue, the earliest routing seen (Omni-Channel deletes the routing row on acceptance).</summary>
    Task RememberFirstRoutingsAsync(IReadOnlyList<Rules.FirstRoutingInfo> routings, CancellationToken cancellationToken);

    Task<IReadOnlyList<Rules.FirstRoutingInfo>> LoadFirstRoutingsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records GAR's answers, each with the instant it arrived, and only when it differs from the last answer kept for that
    /// order (the same answer again is recorded as last seen now). Returns how many were new, and the orders given the same
    /// answer again after GAR went unasked about them for longer than <paramref name="gap"/>.
    /// </summary>
    Task<(int Recorded, IReadOnlyList<string> Resumed)> RecordGarAnswersAsync(IReadOnlyList<(string OrderNumber, Rules.GarOrder? Order, DateTimeOffset SeenAt)> answers,
        TimeSpan gap, CancellationToken cancellationToken);

    /// <summary>Every GAR answer kept (orders found, oldest first) and every order GAR was asked about.</summary>
    Task<(IReadOnlyList<Rules.GarObservation> Found, IReadOnlyDictionary<string, DateTimeOffset> Answered)> LoadGarAnswersAsync(
        CancellationToken cancellationToken);

    /// <summary>
    /// Replaces every stored record of an object (small, fully re-read sets: users, queues, pending work); returns
    /// the records that changed (old and new versions of what was added, removed or modified).
    /// </summary>
    Task<IReadOnlyList<JsonObject>> ReplaceOrgRecordsAsync(string objectName, IReadOnlyList<SObjectRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts and deletes records of an incrementally synced object and moves its watermark, in one transaction;
    /// returns the records that changed (old and new versions).
    /// </summary>
    Task<IReadOnlyList<JsonObject>> MergeOrgRecordsAsync(string objectName, IReadOnlyList<SObjectRecord> records, IReadOnlyList<string> deletedIds, DateTimeOffset? watermark,
        CancellationToken cancellationToken);

    /// <summary>Marks cases to be judged again by the next sweep (what they depend on changed); null marks every tracked case.</summary>
    Task MarkCasesDirtyAsync(IReadOnlyCollection<string>? caseIds, CancellationToken cancellationToken);

    /// <summary>Records what the sweep judged: each case is clean unless it changed meanwhile, with its next instant and owner.</summary>
    Task RecordJudgedAsync(IReadOnlyList<JudgedCase> judged, CancellationToken cancellationToken);

    /// <summary>The earliest next instant of any tracked case after <paramref name="after"/> (when the worker must wake up to judge).</summary>
    Task<DateTimeOffset?> NextDueAsync(DateTimeOffset after, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonObject>> LoadOrgRecordsAsync(string objectName, CancellationToken cancellationToken);

    /// <summary>
    /// An object's stored records as JSON text, read from the database as they are enumerated: tens of thousands of
    /// Omni-Channel rows (12 MB of text for 27,579 AgentWork rows at 100,000 cases) are never held at once, as text or as trees.
    /// </summary>
    IAsyncEnumerable<string> ReadOrgRecordTextsAsync(string objectName, CancellationToken cancellationToken);

    /// <summary>
    /// A sweep's verdicts, in one transaction: inserts findings not seen before (by breach key) and clears open ones
    /// no longer found, within <paramref name="scope"/> (only cases it judged or no longer tracks, never a case it
    /// could not judge), then adds to the outbox the alerts <paramref name="plan"/> makes of that ledger change. A
    /// failure anywhere leaves both as they were, so no breach is ever recorded as known without its alert queued.
    /// </summary>
    Task<SweepCommit> CommitSweepAsync(IReadOnlyList<Finding> findings, FindingsScope scope, DateTimeOffset now, Func<LedgerUpdate, IReadOnlyList<Alerts.Alert>> plan,
        CancellationToken cancellationToken);

    Task RecordRunAsync(JobRun run, CancellationToken cancellationToken);

    /// <summary>Forgets the job runs that finished before an instant (the table would otherwise grow by some 1,500 rows a day).</summary>
    Task<int> ForgetRunsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Tracked cases, quarantined records and open findings by kind (the metrics' gauges).</summary>
    Task<StateCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>When each job last succeeded, on any worker of the database (a cluster's workers share the jobs).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastSuccessesAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction rolled back (the readiness check): throws when the store cannot take writes.</summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
