using System.Text.Json.Nodes;
using SfBridge.Rules;

namespace SfBridge.State;

/// <summary>A case version stored by a sync page.</summary>
public sealed record CaseUpsert(string Id, DateTimeOffset SystemModstamp, JsonObject Record);

/// <summary>A case that left the tracked set (closed or deleted) at a version.</summary>
public sealed record CaseRemoval(string Id, DateTimeOffset SystemModstamp, string Reason);

/// <summary>A record set aside with the reason (it is not lost: its payload is kept).</summary>
public sealed record Quarantined(string ObjectName, string? Id, string Reason, string? Payload);

/// <summary>Everything one sync page changes, applied in one transaction together with the new watermark.</summary>
public sealed record CasePage(IReadOnlyList<CaseUpsert> Upserts, IReadOnlyList<CaseRemoval> Removals, IReadOnlyList<Quarantined> Quarantined, DateTimeOffset? Watermark);

/// <summary>A breach that no longer holds.</summary>
public sealed record ClearedFinding(string BreachKey, string CaseId, string CaseNumber, string RuleId);

/// <summary>What a sweep changed in the findings ledger.</summary>
public sealed record LedgerUpdate(IReadOnlyList<Finding> Opened, IReadOnlyList<ClearedFinding> Cleared)
{
    public IReadOnlyList<string> ClearedKeys => Cleared.Select(c => c.BreachKey).ToList();
}

/// <summary>
/// Durable state: watermarks, tracked case snapshots, Omni-Channel and org records, the findings ledger,
/// quarantine and job runs. SQLite by default; a PostgreSQL implementation can follow behind this interface.
/// </summary>
public interface IStateStore
{
    /// <summary>Creates or upgrades the schema to the version this build needs.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetWatermarkAsync(string objectName, CancellationToken cancellationToken);

    /// <summary>Last stored SystemModstamp of each known case (tracked or already removed).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCaseVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task ApplyCasePageAsync(CasePage page, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonObject>> LoadTrackedCasesAsync(CancellationToken cancellationToken);

    /// <summary>Replaces every stored record of an object (small, fully re-read sets: users, queues, pending work).</summary>
    Task ReplaceOrgRecordsAsync(string objectName, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken);

    /// <summary>Upserts and deletes records of an incrementally synced object and moves its watermark, in one transaction.</summary>
    Task MergeOrgRecordsAsync(string objectName, IReadOnlyList<JsonObject> records, IReadOnlyList<string> deletedIds, DateTimeOffset? watermark, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonObject>> LoadOrgRecordsAsync(string objectName, CancellationToken cancellationToken);

    /// <summary>Inserts findings not seen before (by breach key) and clears open ones no longer found.</summary>
    Task<LedgerUpdate> RecordFindingsAsync(IReadOnlyList<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordRunAsync(string job, DateTimeOffset started, DateTimeOffset finished, bool ok, string detail, CancellationToken cancellationToken);
}
