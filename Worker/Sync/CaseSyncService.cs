using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>What one case sync did.</summary>
public sealed record CaseSyncReport(int Pages, int Stored, int Removed, int Skipped, int Quarantined, DateTimeOffset? Watermark);

/// <summary>
/// Pulls changed cases page by page and stores each page, with the watermark it reaches, in one transaction:
/// a stop between pages loses nothing and the next run resumes from the last stored page. Records already stored
/// at the same SystemModstamp (the overlap window, a replayed page) are skipped, so each change is processed
/// once. A closed case the worker was watching is kept, marked closing, until the sweep gives it its closing
/// judgement (one closed before the worker watched it only has its version recorded); a deleted case
/// leaves the tracked set at once; records that cannot be judged are quarantined with the reason and their payload.
/// </summary>
public sealed class CaseSyncService(SalesforceClient client, IStateStore store, PolicyProvider policy, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<CaseSyncService> logger)
{
    public async Task<CaseSyncReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var watermark = await store.GetWatermarkAsync("Case", cancellationToken);
        var since = watermark - options.Value.Overlap;
        var soql = CaseQuery.Build(policy.Current, since);
        int pages = 0, stored = 0, removed = 0, skipped = 0, quarantined = 0;
        await foreach (var page in client.QueryPagesAsync(soql, new QueryOptions { IncludeDeleted = watermark is not null }, cancellationToken))
        {
            var ids = page.Select(r => r.Id ?? "").Where(SalesforceId.IsValid).ToList();
            var versions = await store.GetCaseVersionsAsync(ids, cancellationToken);
            var tracked = await store.GetTrackedCaseIdsAsync(ids, cancellationToken);
            var upserts = new List<CaseUpsert>();
            var removals = new List<CaseRemoval>();
            var bad = new List<Quarantined>();
            foreach (var record in page)
            {
                var id = record.Id;
                var modstamp = SafeDate(record, "SystemModstamp");
                if (id is null || modstamp is null)
                {
                    bad.Add(new Quarantined("Case", id, "Id or SystemModstamp missing", record.Json.ToJsonString()));
                    continue;
                }

                if (versions.TryGetValue(id, out var seen) && seen >= modstamp)
                {
                    skipped++;
                    continue;
                }

                watermark = watermark is { } w && w > modstamp ? w : modstamp;
                if (record.GetBoolean("IsDeleted") == true)
                {
                    // A deleted case has no feed left to post on: it leaves at once, without a closing judgement.
                    removals.Add(new CaseRemoval(id, modstamp.Value, "deleted"));
                    continue;
                }

                var (snapshot, error) = CaseReader.Read(record, policy.Current.Fields);
                if (snapshot is null)
                {
                    // Recorded as seen, so the overlap does not quarantine it again; the payload is kept for a person to look at.
                    bad.Add(new Quarantined("Case", id, error!, record.Json.ToJsonString()));
                    removals.Add(new CaseRemoval(id, modstamp.Value, "quarantined"));
                    continue;
                }

                if (snapshot.IsClosed && !ClosedWhileWatched(snapshot, tracked.Contains(id), versions.ContainsKey(id), since))
                {
                    // Closed before the worker watched it, or an edit to a case already given its closing judgement:
                    // judging it now would accuse it of what it did long ago, or twice. Only the version is kept.
                    removals.Add(new CaseRemoval(id, modstamp.Value, "closed earlier"));
                    continue;
                }

                // A closed case stays until the sweep has judged it once more, at its closed date, by the closing rules.
                upserts.Add(new CaseUpsert(id, modstamp.Value, record.Json, Closing: snapshot.IsClosed));
            }

            await store.ApplyCasePageAsync(new CasePage(upserts, removals, bad, watermark), cancellationToken);
            foreach (var q in bad)
            {
                SyncLog.Quarantined(logger, q.ObjectName, q.Id, q.Reason);
            }

            pages++;
            stored += upserts.Count(u => !u.Closing);
            removed += removals.Count(r => r.Reason is not "quarantined" and not "closed earlier") + upserts.Count(u => u.Closing);
            skipped += removals.Count(r => r.Reason == "closed earlier");
            quarantined += bad.Count;
        }

        if (since is null && (watermark is null || watermark < started))
        {
            // The backfill read every case open when it started: from then on the worker is watching, even when no
            // case was open or the newest open case was last edited days ago. The overlap absorbs clock skew.
            watermark = started;
            await store.ApplyCasePageAsync(new CasePage([], [], [], watermark), cancellationToken);
        }

        SyncLog.CaseSync(logger, since is null ? "backfill" : "incremental", stored, removed, skipped, quarantined, pages, watermark);
        return new CaseSyncReport(pages, stored, removed, skipped, quarantined, watermark);
    }

    /// <summary>
    /// A closed case gets its closing judgement when the worker was watching it: it is tracked (it was open, or is
    /// already waiting for that judgement), or it is new to the worker and closed no earlier than the window this
    /// run reads (created and closed between two runs).
    /// </summary>
    private static bool ClosedWhileWatched(Rules.CaseSnapshot snapshot, bool tracked, bool known, DateTimeOffset? since) =>
        tracked || (!known && since is { } s && snapshot.EndedAt is { } closed && closed >= s);

    private static DateTimeOffset? SafeDate(SObjectRecord record, string field)
    {
        try
        {
            return record.GetDateTime(field);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
