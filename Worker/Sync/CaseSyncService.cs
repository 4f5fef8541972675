using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>What one case sync did.</summary>
public sealed record CaseSyncReport(int Pages, int Stored, int Removed, int Skipped, int Quarantined, DateTimeOffset? Watermark)
{
    /// <summary>Tracked cases read again because a comment, e-mail, task or file of theirs changed.</summary>
    public int Refreshed { get; init; }
}

/// <summary>
/// Pulls changed cases page by page and stores each page, with the watermark it reaches, in one transaction:
/// a stop between pages loses nothing and the next run resumes from the last stored page. Records already stored
/// at the same SystemModstamp (the overlap window, a replayed page) are skipped, so each change is processed
/// once. A closed case the worker was watching is kept, marked closing, until the sweep gives it its closing
/// judgement (one closed before the worker watched it only has its version recorded); a deleted case
/// leaves the tracked set at once; records that cannot be judged are quarantined with the reason and their payload.
/// Children that change without the case changing (a logged call, an attached file) are read by their own
/// watermarks, and their tracked cases are read again.
/// </summary>
public sealed class CaseSyncService(SalesforceClient client, IStateStore store, PolicyProvider policy, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<CaseSyncService> logger)
{
    /// <summary>A child object of Case, the field that points at its case, and the filter that keeps only case children.</summary>
    private sealed record ChildSource(string ObjectName, string ParentField, Func<DateTimeOffset, Soql> Query);

    private static readonly ChildSource[] ChildSources =
    [
        new("CaseComment", "ParentId", s => Soql.Create($"SELECT Id, ParentId, SystemModstamp FROM CaseComment WHERE SystemModstamp > {s} ORDER BY SystemModstamp, Id")),
        new("EmailMessage", "ParentId",
            s => Soql.Create($"SELECT Id, ParentId, SystemModstamp FROM EmailMessage WHERE SystemModstamp > {s} AND ParentId != {(string?)null} ORDER BY SystemModstamp, Id")),
        new("Task", "WhatId", s => Soql.Create($"SELECT Id, WhatId, SystemModstamp FROM Task WHERE SystemModstamp > {s} AND What.Type = {"Case"} ORDER BY SystemModstamp, Id")),
        new("ContentVersion", "FirstPublishLocationId",
            s => Soql.Create($"SELECT Id, FirstPublishLocationId, SystemModstamp FROM ContentVersion WHERE SystemModstamp > {s} AND FirstPublishLocation.Type = {"Case"} ORDER BY SystemModstamp, Id")),
    ];

    /// <summary>Cases read again per query: an Id list this long keeps the URI far below Salesforce's 16 KB limit.</summary>
    public const int RefreshChunk = 200;

    public async Task<CaseSyncReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var watermark = await store.GetWatermarkAsync("Case", cancellationToken);
        // When the worker began watching: the start of the first backfill. A backfill stopped part-way resumes from its last
        // stored page as an incremental read, which must still not judge cases closed before the watching began.
        var watching = await store.GetWatermarkAsync(WatchingMark, cancellationToken);
        if (watermark is null && watching is null)
        {
            await store.SetWatermarkAsync(WatchingMark, started, cancellationToken);
            watching = started;
        }

        if (watermark is null && options.Value.ChildChanges)
        {
            // Before the backfill's first page: stopped part-way, the run that resumes it reads the children changed since it
            // began (a comment added meanwhile to a case of a page already stored), not only those changed after the resume.
            foreach (var source in ChildSources)
            {
                if (await store.GetWatermarkAsync(ChildKey(source.ObjectName), cancellationToken) is null)
                {
                    await store.SetWatermarkAsync(ChildKey(source.ObjectName), started, cancellationToken);
                }
            }
        }

        var since = watermark - options.Value.Overlap;
        var closedSince = since is null ? null : Instants.Later(since, watching);
        var soql = CaseQuery.Build(policy.Current, since);
        var tally = new Tally();
        var pages = 0;
        var trim = new HeapTrim(logger, "case-sync");
        await foreach (var page in client.QueryPagesAsync(soql, new QueryOptions { IncludeDeleted = watermark is not null }, cancellationToken))
        {
            watermark = await StorePageAsync(page, closedSince, watermark, tally, cancellationToken);
            pages++;
            trim.Done(page.Count);
        }

        trim.End();

        if (since is null && (watermark is null || watermark < started))
        {
            // The backfill read every case open when it started: from then on the worker is watching, even when no
            // case was open or the newest open case was last edited days ago. The overlap absorbs clock skew.
            watermark = started;
            await store.ApplyCasePageAsync(new CasePage([], [], [], watermark), cancellationToken);
        }

        var refreshed = options.Value.ChildChanges ? await RefreshChangedChildrenAsync(started, since is null, tally, cancellationToken) : 0;
        // Everything Salesforce held when this run started is stored now: the sweep reads a case again before alerting
        // a finding that arose after this instant.
        await store.SetWatermarkAsync(SyncedMark, started, cancellationToken);
        SyncLog.CaseSync(logger, since is null ? "backfill" : "incremental", tally.Stored, tally.Removed, tally.Skipped, tally.Quarantined, pages, watermark);
        return new CaseSyncReport(pages, tally.Stored, tally.Removed, tally.Skipped, tally.Quarantined, watermark) { Refreshed = refreshed };
    }

    /// <summary>
    /// The watermark holding when the last case sync that finished started: the stored cases are as Salesforce held them
    /// then. Absent until the first backfill has read every open case (the sweep waits for it).
    /// </summary>
    public const string SyncedMark = "CaseSynced";

    /// <summary>When the first backfill began: the worker watches the org from then on.</summary>
    public const string WatchingMark = "CaseWatching";

    /// <summary>
    /// Reads tracked cases again by id, with all their children, and stores what Salesforce holds now (a case closed
    /// meanwhile is kept for its closing judgement, a deleted one leaves). Returns the ids Salesforce still has; one it
    /// no longer returns at all is not among them. Failures of the org (unreachable, refusing) propagate.
    /// </summary>
    public Task<IReadOnlySet<string>> ReadAgainAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadByIdAsync(ids, new Tally(), cancellationToken);

    /// <summary>Reads cases by id, a chunk per query, stores each chunk as a refresh, and returns the ids Salesforce returned.</summary>
    private async Task<IReadOnlySet<string>> ReadByIdAsync(IReadOnlyCollection<string> ids, Tally tally, CancellationToken cancellationToken)
    {
        var returned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Order(StringComparer.Ordinal).Chunk(RefreshChunk))
        {
            var records = await client.QueryAsync(CaseQuery.ById(policy.Current, chunk), new QueryOptions { IncludeDeleted = true }, cancellationToken).ToListAsync(cancellationToken);
            var these = records.Select(r => r.Id).Where(SalesforceId.IsValid).Select(id => SalesforceId.To18(id!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            returned.UnionWith(these);
            var (upserts, removals, bad, _) = await ClassifyAsync(records, null, refresh: true, tally, cancellationToken);
            // A tracked case queryAll no longer returns was deleted for good (the recycle bin emptied, a hard delete) or is no
            // longer visible to SfBridge's user: nothing can be posted on it, and kept it would count in its owner's backlog.
            var missing = chunk.Where(id => !these.Contains(SalesforceId.IsValid(id) ? SalesforceId.To18(id) : id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var (id, version) in await store.GetCaseVersionsAsync(missing, cancellationToken))
                {
                    SyncLog.CaseNotFound(logger, id);
                    removals.Add(new CaseRemoval(id, version, "not found"));
                }
            }

            await ApplyAsync(new CasePage(upserts, removals, bad, null), tally, cancellationToken);
        }

        return returned;
    }

    /// <summary>
    /// Reads the children of each kind changed since that kind's watermark minus the overlap, and reads again the
    /// tracked cases they belong to. The first run only sets the watermarks: the backfill already read every child.
    /// </summary>
    private async Task<int> RefreshChangedChildrenAsync(DateTimeOffset started, bool backfill, Tally tally, CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new List<(ChildSource Source, List<(string Id, DateTimeOffset At)> Children, DateTimeOffset Watermark)>();
        foreach (var source in ChildSources)
        {
            var key = ChildKey(source.ObjectName);
            var watermark = await store.GetWatermarkAsync(key, cancellationToken);
            if (backfill || watermark is null)
            {
                seen.Add((source, [], watermark is { } w && w > started ? w : started));
                continue;
            }

            var children = new List<(string Id, DateTimeOffset At, string? CaseId)>();
            await foreach (var record in client.QueryAsync(source.Query(watermark.Value - options.Value.Overlap), new QueryOptions { IncludeDeleted = true }, cancellationToken))
            {
                if (record.Id is { } id && SafeDate(record, "SystemModstamp") is { } at)
                {
                    children.Add((id, at, record.GetString(source.ParentField)));
                }
            }

            var already = await store.GetSeenChildrenAsync(children.Select(c => (c.Id, c.At)).ToList(), cancellationToken);
            foreach (var child in children.Where(c => !already.Contains(c.Id) && SalesforceId.IsValid(c.CaseId)))
            {
                touched.Add(SalesforceId.To18(child.CaseId!));
            }

            seen.Add((source, children.Select(c => (c.Id, c.At)).ToList(), children.Count > 0 ? Instants.Later(watermark, children.Max(c => c.At))!.Value : watermark.Value));
        }

        // Only cases the worker tracks are read again: a new case comes with the case query, an old closed one is done.
        var tracked = touched.Count == 0 ? new HashSet<string>() : await store.GetTrackedCaseIdsAsync(touched.ToList(), cancellationToken);
        await ReadByIdAsync(tracked, tally, cancellationToken);

        // Children are recorded once their cases are stored: a stop in between reads them again, which only repeats a read.
        foreach (var (source, children, watermark) in seen)
        {
            await store.RecordChildrenAsync(ChildKey(source.ObjectName), children, watermark, watermark - options.Value.Overlap - options.Value.Overlap, cancellationToken);
        }

        if (tracked.Count > 0)
        {
            SyncLog.ChildChanges(logger, touched.Count, tracked.Count);
        }

        return tracked.Count;
    }

    /// <summary>
    /// Sorts records into upserts, removals and quarantine. A refresh stores a case even at the SystemModstamp already
    /// stored, since what changed is a child.
    /// </summary>
    private async Task<(List<CaseUpsert> Upserts, List<CaseRemoval> Removals, List<Quarantined> Bad, DateTimeOffset? Reached)> ClassifyAsync(
        IReadOnlyList<SObjectRecord> page, DateTimeOffset? since, bool refresh, Tally tally, CancellationToken cancellationToken)
    {
        var ids = page.Select(r => r.Id ?? "").Where(SalesforceId.IsValid).ToList();
        var versions = await store.GetCaseVersionsAsync(ids, cancellationToken);
        var tracked = await store.GetTrackedCaseIdsAsync(ids, cancellationToken);
        // SystemModstamp has whole seconds: two saves within one second, read between them, carry the same one. A case read
        // again at the version stored is compared with the record stored, and stored again when it differs (the overlap
        // re-reads the last minutes, so the second save is met then).
        var stored = refresh ? null : await store.GetCaseRecordsAsync(
            page.Where(r => r.Id is { } id && versions.TryGetValue(id, out var seen) && SafeDate(r, "SystemModstamp") == seen).Select(r => r.Id!).ToList(), cancellationToken);
        var upserts = new List<CaseUpsert>();
        var removals = new List<CaseRemoval>();
        var bad = new List<Quarantined>();
        DateTimeOffset? reached = null;
        foreach (var record in page)
        {
            var id = record.Id;
            var modstamp = SafeDate(record, "SystemModstamp");
            if (id is null || modstamp is null)
            {
                bad.Add(new Quarantined("Case", id, "Id or SystemModstamp missing", record.RawText()));
                continue;
            }

            if (versions.TryGetValue(id, out var seen) && (refresh ? seen > modstamp
                    : seen > modstamp || (seen == modstamp && (!stored!.TryGetValue(id, out var before) || before == record.RawText()))))
            {
                tally.Skipped++;
                continue;
            }

            reached = Instants.Later(reached, modstamp);
            if (record.GetBoolean("IsDeleted") == true)
            {
                // A deleted case has no feed left to post on: it leaves at once, without a closing judgement.
                removals.Add(new CaseRemoval(id, modstamp.Value, "deleted"));
                continue;
            }

            // The record's text, written once: read into the case and stored (or kept with its quarantine) as it is.
            var json = record.RawText();
            var (snapshot, error) = CaseReader.Read(json, policy.Current.Fields);
            if (snapshot is null)
            {
                // Recorded as seen, so the overlap does not quarantine it again; the payload is kept for a person to look at.
                bad.Add(new Quarantined("Case", id, error!, json));
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
            upserts.Add(new CaseUpsert(id, modstamp.Value, json, Closing: snapshot.IsClosed, Facts: CaseFacts.Of(snapshot)) { Children = RecentChildren(record) });
        }

        return (upserts, removals, bad, reached);
    }

    /// <summary>
    /// Stores one page of the case query and returns the watermark it reached. A method of its own, so the page's texts
    /// are let go when it returns rather than held while the next page is read.
    /// </summary>
    private async Task<DateTimeOffset?> StorePageAsync(IReadOnlyList<SObjectRecord> page, DateTimeOffset? since, DateTimeOffset? watermark, Tally tally,
        CancellationToken cancellationToken)
    {
        var (upserts, removals, bad, reached) = await ClassifyAsync(page, since, refresh: false, tally, cancellationToken);
        watermark = Instants.Later(watermark, reached);
        await ApplyAsync(new CasePage(upserts, removals, bad, watermark), tally, cancellationToken);
        return watermark;
    }

    private async Task ApplyAsync(CasePage page, Tally tally, CancellationToken cancellationToken)
    {
        await store.ApplyCasePageAsync(page, cancellationToken);
        foreach (var q in page.Quarantined)
        {
            SyncLog.Quarantined(logger, q.ObjectName, q.Id, q.Reason);
        }

        tally.Stored += page.Upserts.Count(u => !u.Closing);
        tally.Removed += page.Removals.Count(r => r.Reason is not "quarantined" and not "closed earlier") + page.Upserts.Count(u => u.Closing);
        tally.Skipped += page.Removals.Count(r => r.Reason == "closed earlier");
        tally.Quarantined += page.Quarantined.Count;
    }

    /// <summary>
    /// A closed case gets its closing judgement when the worker was watching it: it is tracked (it was open, or is
    /// already waiting for that judgement), or it is new to the worker and closed no earlier than the window this
    /// run reads (created and closed between two runs).
    /// </summary>
    private static bool ClosedWhileWatched(CaseSnapshot snapshot, bool tracked, bool known, DateTimeOffset? since) =>
        tracked || (!known && since is { } s && snapshot.EndedAt is { } closed && closed >= s);

    /// <summary>The watermark of a child object's change read, and the object its seen versions are kept under.</summary>
    private static string ChildKey(string objectName) => "Child:" + objectName;

    /// <summary>The record's subquery relationships whose children the child-change read also fetches, by object.</summary>
    private static readonly (string Relationship, string ObjectName)[] SeenRelationships = [("CaseComments", "CaseComment"), ("EmailMessages", "EmailMessage"), ("Tasks", "Task")];

    /// <summary>
    /// Children of <paramref name="record"/> changed within two overlap windows of now: the only ones a later child-change
    /// read can return (older ones are also forgotten by then). Files are not among them: the case query reads their
    /// links, the child-change read their versions.
    /// </summary>
    private List<SeenChild> RecentChildren(SObjectRecord record)
    {
        var after = time.GetUtcNow() - options.Value.Overlap - options.Value.Overlap;
        var children = new List<SeenChild>();
        foreach (var (relationship, objectName) in SeenRelationships)
        {
            if (record.Json[relationship] is not System.Text.Json.Nodes.JsonObject { } related || related["records"] is not System.Text.Json.Nodes.JsonArray rows)
            {
                continue;
            }

            foreach (var row in rows.OfType<System.Text.Json.Nodes.JsonObject>())
            {
                if (SafeDate(new SObjectRecord(row), "SystemModstamp") is { } at && at > after && row["Id"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var childId))
                {
                    children.Add(new SeenChild(childId, ChildKey(objectName), at));
                }
            }
        }

        return children;
    }

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

    private sealed class Tally
    {
        public int Stored { get; set; }

        public int Removed { get; set; }

        public int Skipped { get; set; }

        public int Quarantined { get; set; }
    }
}
