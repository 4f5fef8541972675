using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.State;

/// <summary>
/// <see cref="IStateStore"/> and <see cref="IAlertStore"/> in SQL, for any ADO.NET provider: one transaction per
/// page, the schema migrated by <see cref="MigrateAsync"/>. The SQL is the subset SQLite and PostgreSQL share
/// (ON CONFLICT upserts, @ parameters); each engine supplies its connection and the few DDL words that differ.
/// </summary>
public abstract partial class AdoStateStore : IStateStore, IAlertStore
{
    private readonly TimeProvider _time;

    protected AdoStateStore(TimeProvider time) => _time = time;

    /// <summary>Column definition of an auto-numbered primary key in this engine.</summary>
    protected abstract string SerialKey { get; }

    /// <summary>A statement run before migrations (SQLite switches to its WAL journal).</summary>
    protected virtual string? Prepare => null;

    protected abstract ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Where the database is, for messages (the SQLite file, or host:port/database): never the connection string.</summary>
    public abstract string Location { get; }

    /// <summary>
    /// A statement that makes claims counted against the post window (<see cref="IAlertStore.ClaimWithinWindowAsync"/>) wait for
    /// each other until their transaction ends, where several workers share the database; none where one worker owns it.
    /// </summary>
    protected virtual string? SerializeClaims => null;

    /// <summary>Makes sure this process may use the database before it is migrated (SQLite takes its lock file).</summary>
    protected virtual void Claim()
    {
    }

    /// <summary>
    /// Claims and migrates the database. Anything that stops it (in use by another worker, unreachable, not a database, a
    /// newer schema) is a <see cref="StateStoreException"/> whose message names the setting and the database's location.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Claim();
        try
        {
            await MigrateSchemaAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new StateStoreException($"{StateConnection.Key}: the state database {Location} cannot be used: {Reason(ex)}", ex);
        }
    }

    /// <summary>What went wrong, from the provider's own message (which never quotes the connection string) and the network error under it.</summary>
    private static string Reason(Exception ex)
    {
        var reason = ex.Message.TrimEnd('.');
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException or TimeoutException)
            {
                reason += $" ({inner.Message.TrimEnd('.')})";
                break;
            }
        }

        return reason;
    }

    private async Task MigrateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (Prepare is { } prepare)
        {
            await ExecuteAsync(connection, null, prepare, cancellationToken);
        }

        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), CultureInfo.InvariantCulture);
        if (current > StateSchema.Latest)
        {
            throw new StateStoreException($"{StateConnection.Key}: the state database {Location} is at schema version {current}, newer than this SfBridge " +
                                          $"({StateSchema.Latest}): run the SfBridge version that upgraded it, or give another database");
        }

        foreach (var (version, sql) in StateSchema.Migrations.Where(m => m.Version > current))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, tx, sql.Replace("{serial}", SerialKey, StringComparison.Ordinal), cancellationToken);
            await ExecuteAsync(connection, tx, "INSERT INTO schema_version (version) VALUES (@v)", cancellationToken, ("@v", version));
            await tx.CommitAsync(cancellationToken);
        }
    }

    public async Task<DateTimeOffset?> GetWatermarkAsync(string objectName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var value = await ScalarAsync(connection, null, "SELECT system_modstamp FROM watermarks WHERE object = @o", cancellationToken, ("@o", objectName));
        return value is string text ? Parse(text) : null;
    }

    public async Task<(string Fingerprint, DateTimeOffset At)?> GetJudgedUnderAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT fingerprint, at FROM judged_under WHERE scope = @s";
        command.Parameters.Add(Parameter(command, "@s", scope));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), Parse(reader.GetString(1))) : null;
    }

    public async Task SetJudgedUnderAsync(string scope, string fingerprint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "INSERT INTO judged_under (scope, fingerprint, at) VALUES (@s, @f, @at) ON CONFLICT (scope) DO UPDATE SET fingerprint = @f, at = @at",
            cancellationToken, ("@s", scope), ("@f", fingerprint), ("@at", Format(at)));
    }

    /// <summary>
    /// The schema version; 0 when the database has no SfBridge schema (yet). A database that cannot be reached or refuses
    /// the login is a <see cref="StateStoreException"/> saying so, not "no SfBridge state database".
    /// </summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        DbConnection opened;
        try
        {
            opened = await OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new StateStoreException($"{StateConnection.Key}: the state database {Location} cannot be used: {Reason(ex)}", ex);
        }

        await using var connection = opened;
        try
        {
            return Convert.ToInt32(await ScalarAsync(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return 0; // no schema_version table: not an SfBridge state database (yet)
        }
    }

    public async Task SetWatermarkAsync(string objectName, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await SetWatermarkAsync(connection, tx, objectName, watermark, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCaseVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        await ForEachByIdAsync("SELECT id, system_modstamp FROM case_versions", ids, r => versions[r.GetString(0)] = Parse(r.GetString(1)), cancellationToken);
        return versions;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetCaseRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ids.Count > 0)
        {
            await ForEachByIdAsync("SELECT id, record FROM case_records", ids, r => records[r.GetString(0)] = r.GetString(1), cancellationToken);
        }

        return records;
    }

    public async Task<IReadOnlySet<string>> GetTrackedCaseIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var tracked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await ForEachByIdAsync("SELECT id FROM tracked_cases", ids, r => tracked.Add(r.GetString(0)), cancellationToken);
        return tracked;
    }

    public async Task<IReadOnlySet<string>> GetSeenChildrenAsync(IReadOnlyCollection<(string Id, DateTimeOffset SystemModstamp)> children, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        await ForEachByIdAsync("SELECT id, system_modstamp FROM child_versions", children.Select(c => c.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            r => stored[r.GetString(0)] = Parse(r.GetString(1)), cancellationToken);
        return children.Where(c => stored.TryGetValue(c.Id, out var at) && at >= c.SystemModstamp).Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public async Task RecordChildrenAsync(string objectName, IReadOnlyList<(string Id, DateTimeOffset SystemModstamp)> children, DateTimeOffset watermark,
        DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // One row per id (the latest version): a statement may not upsert the same row twice.
        var latest = children.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.SystemModstamp)).ToList();
        await ExecuteRowsAsync(connection, tx, "INSERT INTO child_versions (id, object, system_modstamp) VALUES",
            "ON CONFLICT (id) DO UPDATE SET system_modstamp = excluded.system_modstamp", latest, c => [c.Id, objectName, Format(c.SystemModstamp)], cancellationToken);

        await ExecuteAsync(connection, tx, "DELETE FROM child_versions WHERE object = @o AND system_modstamp < @before", cancellationToken,
            ("@o", objectName), ("@before", Format(forgetBefore)));
        await SetWatermarkAsync(connection, tx, objectName, watermark, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="select"/> restricted to the given ids, in parameterised chunks.</summary>
    private Task ForEachByIdAsync(string select, IReadOnlyCollection<string> ids, Action<DbDataReader> row, CancellationToken cancellationToken) =>
        ForEachByIdAsync(select, "id", ids, row, cancellationToken);

    /// <summary>Runs <paramref name="select"/> restricted to rows whose <paramref name="column"/> is one of the given values, in parameterised chunks.</summary>
    private async Task ForEachByIdAsync(string select, string column, IReadOnlyCollection<string> ids, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ForEachInAsync(connection, null, select, column, ids, row, cancellationToken);
    }

    public async Task ApplyCasePageAsync(CasePage page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = Format(_time.GetUtcNow());
        // Set-based: one statement per table for the whole page. A statement may not upsert the same row twice, so
        // a case twice in a page keeps its last version (the journal keeps both). A version older than the one stored (a
        // page read before a sweep read the case again) is not written over it; the same version is (a child changed).
        var upserts = page.Upserts.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await ExecuteRowsAsync(connection, tx,
            "INSERT INTO tracked_cases (id, system_modstamp, closing, dirty, facts, case_number, owner_id, account_id, order_number, category) VALUES", """
            ON CONFLICT (id) DO UPDATE SET system_modstamp = excluded.system_modstamp, closing = excluded.closing,
                dirty = tracked_cases.dirty + 1, facts = excluded.facts, case_number = excluded.case_number, owner_id = excluded.owner_id, account_id = excluded.account_id,
                order_number = excluded.order_number, category = excluded.category
            WHERE excluded.system_modstamp >= tracked_cases.system_modstamp
            """, upserts, c => [c.Id, Format(c.SystemModstamp), c.Closing ? 1 : 0, 1, c.Facts is null ? 0 : 1, c.Facts?.CaseNumber, c.Facts?.OwnerId,
                c.Facts?.AccountId, c.Facts?.OrderNumber, c.Facts?.Category], cancellationToken);
        // The record beside it, kept by the same test: the two are written and removed together, in this transaction.
        await ExecuteRowsAsync(connection, tx, "INSERT INTO case_records (id, system_modstamp, record) VALUES", """
            ON CONFLICT (id) DO UPDATE SET system_modstamp = excluded.system_modstamp, record = excluded.record
            WHERE excluded.system_modstamp >= case_records.system_modstamp
            """, upserts, c => [c.Id, Format(c.SystemModstamp), c.Json], cancellationToken);
        var removed = page.Removals.Select(r => r.Id).ToList();
        await ExecuteWhereInAsync(connection, tx, "DELETE FROM tracked_cases", "id", removed, cancellationToken);
        await ExecuteWhereInAsync(connection, tx, "DELETE FROM case_records", "id", removed, cancellationToken);
        // The children the records brought, with the case that carries them; a later version seen already is kept.
        await ExecuteRowsAsync(connection, tx, "INSERT INTO child_versions (id, object, system_modstamp) VALUES",
            "ON CONFLICT (id) DO UPDATE SET system_modstamp = excluded.system_modstamp WHERE excluded.system_modstamp > child_versions.system_modstamp",
            upserts.SelectMany(c => c.Children).GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.SystemModstamp)!).ToList(),
            c => [c.Id, c.ObjectName, Format(c.SystemModstamp)], cancellationToken);
        var versions = page.Upserts.Select(c => (c.Id, c.SystemModstamp, Change: c.Closing ? "closing" : "upsert"))
            .Concat(page.Removals.Select(r => (r.Id, r.SystemModstamp, Change: r.Reason))).ToList();
        await ExecuteRowsAsync(connection, tx, "INSERT INTO case_versions (id, system_modstamp) VALUES", "ON CONFLICT (id) DO UPDATE SET system_modstamp = excluded.system_modstamp",
            versions.GroupBy(v => v.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList(), v => [v.Id, Format(v.SystemModstamp)], cancellationToken);
        await ExecuteRowsAsync(connection, tx, "INSERT INTO case_journal (id, system_modstamp, change, at) VALUES", "", versions,
            v => [v.Id, Format(v.SystemModstamp), v.Change, now], cancellationToken);

        foreach (var q in page.Quarantined)
        {
            await ExecuteAsync(connection, tx, "INSERT INTO quarantine (object, id, reason, payload, at) VALUES (@o, @id, @r, @p, @at)", cancellationToken,
                ("@o", q.ObjectName), ("@id", q.Id), ("@r", q.Reason), ("@p", q.Payload), ("@at", now));
        }

        if (page.Watermark is { } watermark)
        {
            await SetWatermarkAsync(connection, tx, "Case", watermark, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    // A tracked case without its record (they are written and removed together: none should be) is read with an empty
    // one, so the sweep logs it and leaves it unjudged rather than passing over it without a word.
    private const string TrackedSelect =
        "r.record, t.pack, t.pack_record_type, t.closing, t.dirty, t.next_at, t.judged_owner, t.id FROM tracked_cases t LEFT JOIN case_records r ON r.id = t.id";

    public async Task<IReadOnlyList<TrackedCase>> LoadTrackedCasesAsync(CancellationToken cancellationToken)
    {
        var cases = new List<TrackedCase>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {TrackedSelect} ORDER BY t.id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(ReadTracked(reader));
        }

        return cases;
    }

    public Task ForEachTrackedCaseAsync(IReadOnlyCollection<string> ids, Action<TrackedCase> read, CancellationToken cancellationToken) =>
        ForEachByIdAsync($"SELECT {TrackedSelect}", "t.id", ids, r => read(ReadTracked(r)), cancellationToken);

    private static TrackedCase ReadTracked(DbDataReader r) =>
        new(r.IsDBNull(0) ? "" : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture) != 0)
        {
            Id = r.GetString(7),
            Dirty = Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture),
            NextAt = r.IsDBNull(5) ? null : Parse(r.GetString(5)),
            JudgedOwner = r.IsDBNull(6) ? null : r.GetString(6),
        };

    public async Task<IReadOnlyList<CaseIndexEntry>> LoadCaseIndexAsync(CancellationToken cancellationToken)
    {
        var index = new List<CaseIndexEntry>();
        // A few dozen owners and a handful of packs over every tracked case: each entry refers to one copy of each, not
        // its own: the index of 100,000 cases holds 21.1 MB instead of 31.4 MB, through every sweep.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string text)
        {
            ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(shared, text, out _);
            return kept ??= text;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, closing, dirty, next_at, judged_owner, open_pack, open_created, key_account, owner_history FROM tracked_cases ORDER BY id";
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var id = r.GetString(0);
            var owner = r.IsDBNull(4) ? null : Shared(r.GetString(4));
            var open = r.IsDBNull(5) || r.IsDBNull(6) ? null
                : new OpenCaseRef(id, owner, Shared(r.GetString(5)), Parse(r.GetString(6)), Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture) != 0);
            index.Add(new CaseIndexEntry(id, Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture) != 0, Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
                r.IsDBNull(3) ? null : Parse(r.GetString(3)), owner, open, Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture) != 0));
        }

        return index;
    }

    public Task ForEachCaseFactsAsync(Action<string, CaseFacts?> read, CancellationToken cancellationToken) =>
        ForEachRowAsync("SELECT id, facts, case_number, owner_id, account_id, order_number, category FROM tracked_cases ORDER BY id", r =>
        {
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            read(r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture) == 0 ? null : new CaseFacts(Text(2), Text(3), Text(4), Text(5), Text(6)));
        }, cancellationToken);

    public async Task RememberPacksAsync(IReadOnlyList<(string CaseId, string Pack, string? RecordType)> packs, CancellationToken cancellationToken)
    {
        if (packs.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteRowsAsync(connection, tx, "UPDATE tracked_cases SET pack = v.column2, pack_record_type = v.column3 FROM (VALUES",
            ") AS v WHERE tracked_cases.id = v.column1", packs.DistinctBy(p => p.CaseId, StringComparer.Ordinal).ToList(), p => [p.CaseId, p.Pack, p.RecordType],
            cancellationToken);

        await tx.CommitAsync(cancellationToken);
    }

    public async Task FinishClosedCasesAsync(IReadOnlyList<(string CaseId, DateTimeOffset SystemModstamp)> judged, CancellationToken cancellationToken)
    {
        if (judged.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = Format(_time.GetUtcNow());
        foreach (var (id, version) in judged)
        {
            var modstamp = await ScalarAsync(connection, tx, "SELECT system_modstamp FROM tracked_cases WHERE id = @id AND closing = 1", cancellationToken, ("@id", id));
            // The delete names the version read: on PostgreSQL (read committed) a case sync storing the case reopened between
            // the read and the delete leaves the row at a newer version, which must stay tracked.
            if (modstamp is string m && Parse(m) == version &&
                await ExecuteAsync(connection, tx, "DELETE FROM tracked_cases WHERE id = @id AND system_modstamp = @m AND closing = 1", cancellationToken, ("@id", id), ("@m", m)) == 1)
            {
                await ExecuteAsync(connection, tx, "DELETE FROM case_records WHERE id = @id", cancellationToken, ("@id", id));
                await ExecuteAsync(connection, tx, "INSERT INTO case_journal (id, system_modstamp, change, at) VALUES (@id, @m, 'closed', @at)",
                    cancellationToken, ("@id", id), ("@m", m), ("@at", now));
            }
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task RememberFirstRoutingsAsync(IReadOnlyList<FirstRoutingInfo> routings, CancellationToken cancellationToken)
    {
        if (routings.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var r in routings)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO first_routings (case_id, queue_id, first_at) VALUES (@c, @q, @at)
                ON CONFLICT (case_id, queue_id) DO UPDATE SET first_at = CASE WHEN excluded.first_at < first_routings.first_at THEN excluded.first_at ELSE first_routings.first_at END
                """, cancellationToken, ("@c", Salesforce.SalesforceId.To18(r.CaseId)), ("@q", Salesforce.SalesforceId.To18(r.QueueId)), ("@at", Format(r.At)));
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FirstRoutingInfo>> LoadFirstRoutingsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT case_id, queue_id, first_at FROM first_routings ORDER BY case_id, queue_id", cancellationToken))
        .Select(r => new FirstRoutingInfo((string)r[0]!, (string)r[1]!, Parse((string)r[2]!))).ToList();

    public async Task<(int Recorded, IReadOnlyList<string> Resumed)> RecordGarAnswersAsync(IReadOnlyList<(string OrderNumber, GarOrder? Order, DateTimeOffset SeenAt)> answers,
        TimeSpan gap, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (long Seq, DateTimeOffset LastSeen, (bool Found, string? Status, string? Validated, string? Updated) Answer)>(StringComparer.OrdinalIgnoreCase);
        // Only the last answer kept for each order is compared (the index on order_number, seq finds it).
        foreach (var row in await QueryAsync("""
            SELECT g.order_number, g.found, g.status, g.validated_at, g.updated_at, g.seq, COALESCE(g.confirmed_at, g.seen_at) FROM gar_answers g
            WHERE g.seq = (SELECT MAX(h.seq) FROM gar_answers h WHERE h.order_number = g.order_number)
            """, cancellationToken))
        {
            last[(string)row[0]!] = (Convert.ToInt64(row[5], CultureInfo.InvariantCulture), Parse((string)row[6]!),
                (Convert.ToInt32(row[1], CultureInfo.InvariantCulture) != 0, row[2] as string, row[3] as string, row[4] as string));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = 0;
        var again = new List<(long Seq, DateTimeOffset SeenAt)>();
        var resumed = new List<string>();
        foreach (var (number, order, seenAt) in answers)
        {
            var answer = (order is not null, order?.Status, order?.ValidatedAt is { } v ? Format(v) : null, order?.UpdatedAt is { } u ? Format(u) : null);
            if (last.TryGetValue(number, out var previous) && previous.Answer == answer)
            {
                again.Add((previous.Seq, seenAt)); // the same answer again: it still held when seen now
                if (seenAt - previous.LastSeen > gap)
                {
                    resumed.Add(number);
                }

                continue;
            }

            await ExecuteAsync(connection, tx, """
                INSERT INTO gar_answers (order_number, found, status, validated_at, updated_at, seen_at) VALUES (@n, @f, @s, @v, @u, @at)
                """, cancellationToken, ("@n", number), ("@f", answer.Item1 ? 1 : 0), ("@s", answer.Status), ("@v", answer.Item3), ("@u", answer.Item4), ("@at", Format(seenAt)));
            recorded++;
        }

        // A few hundred at a time, each batch as last seen at the earliest of its sightings (a run's answers arrive over
        // seconds): no more is claimed than was seen.
        foreach (var batch in again.Chunk(500))
        {
            var seqs = string.Join(",", batch.Select(b => b.Seq.ToString(CultureInfo.InvariantCulture)));
            await ExecuteAsync(connection, tx, $"UPDATE gar_answers SET confirmed_at = @at WHERE seq IN ({seqs})", cancellationToken,
                ("@at", Format(batch.Min(b => b.SeenAt))));
        }

        await tx.CommitAsync(cancellationToken);
        return (recorded, resumed);
    }

    public async Task<(IReadOnlyList<GarObservation> Found, IReadOnlyDictionary<string, DateTimeOffset> Answered)> LoadGarAnswersAsync(
        CancellationToken cancellationToken)
    {
        var found = new List<GarObservation>();
        var answered = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in await QueryAsync("SELECT order_number, found, status, validated_at, updated_at, seen_at, confirmed_at FROM gar_answers ORDER BY seq", cancellationToken))
        {
            var number = (string)row[0]!;
            var seen = Parse((string)row[5]!);
            var lastSeen = row[6] is string confirmed ? Parse(confirmed) : seen;
            answered[number] = answered.TryGetValue(number, out var before) && before > lastSeen ? before : lastSeen;
            if (Convert.ToInt32(row[1], CultureInfo.InvariantCulture) != 0 && row[2] is string status)
            {
                found.Add(new GarObservation(new GarOrder(number, status, row[3] is string v ? Parse(v) : null, row[4] is string u ? Parse(u) : null), seen, lastSeen));
            }
        }

        return (found, answered);
    }

    public async Task<IReadOnlyList<JsonObject>> ReplaceOrgRecordsAsync(string objectName, IReadOnlyList<SObjectRecord> records, CancellationToken cancellationToken)
    {
        var stored = await StoredOrgAsync(objectName, null, cancellationToken);
        var incoming = records.ToDictionary(r => r.Id ?? throw new InvalidDataException($"{objectName} record without Id"), StringComparer.Ordinal);
        return await ApplyOrgAsync(objectName, stored, incoming, stored.Keys.Where(id => !incoming.ContainsKey(id)).ToList(), null, cancellationToken);
    }

    public async Task<IReadOnlyList<JsonObject>> MergeOrgRecordsAsync(string objectName, IReadOnlyList<SObjectRecord> records, IReadOnlyList<string> deletedIds,
        DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var incoming = new Dictionary<string, SObjectRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            incoming[record.Id ?? throw new InvalidDataException($"{objectName} record without Id")] = record;
        }

        // Only the stored versions of the records this page brings or deletes: a page at a time, whatever is stored.
        var stored = await StoredOrgAsync(objectName, incoming.Keys.Concat(deletedIds).ToList(), cancellationToken);

        return await ApplyOrgAsync(objectName, stored, incoming, deletedIds.Where(stored.ContainsKey).ToList(), watermark, cancellationToken);
    }

    /// <summary>Writes only what differs from what is stored, in one transaction; returns old and new versions of every change.</summary>
    private async Task<IReadOnlyList<JsonObject>> ApplyOrgAsync(string objectName, Dictionary<string, string> stored, Dictionary<string, SObjectRecord> incoming,
        IReadOnlyList<string> removed, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var changed = new List<JsonObject>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (id, record) in incoming)
        {
            // As Salesforce wrote it (the bytes it sent, when the record has them): writing a tree again undoes escapes,
            // and throws on an escaped half of a surrogate pair (valid JSON, no text), which would stop every
            // Omni-Channel sync over one user's name.
            var json = record.RawText();
            if (stored.TryGetValue(id, out var old) && old == json)
            {
                continue;
            }

            await ExecuteAsync(connection, tx, "INSERT INTO org_records (object, id, record) VALUES (@o, @id, @r) ON CONFLICT (object, id) DO UPDATE SET record = @r",
                cancellationToken, ("@o", objectName), ("@id", id), ("@r", json));
            changed.Add(record.Json);
            if (old is not null)
            {
                changed.Add(JsonNode.Parse(old)!.AsObject());
            }
        }

        foreach (var id in removed)
        {
            await ExecuteAsync(connection, tx, "DELETE FROM org_records WHERE object = @o AND id = @id", cancellationToken, ("@o", objectName), ("@id", id));
            changed.Add(JsonNode.Parse(stored[id])!.AsObject());
        }

        if (watermark is { } w)
        {
            await SetWatermarkAsync(connection, tx, objectName, w, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>The stored records of <paramref name="objectName"/> as text by id: those of <paramref name="ids"/>, or all when null.</summary>
    private async Task<Dictionary<string, string>> StoredOrgAsync(string objectName, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await ForEachInAsync(connection, null, ids is null ? "SELECT id, record FROM org_records WHERE object = @o" : "SELECT id, record FROM org_records",
            ids is null ? null : "object = @o AND id", ids ?? [], r => stored[r.GetString(0)] = r.GetString(1), cancellationToken, ("@o", objectName));
        return stored;
    }

    public async Task MarkCasesDirtyAsync(IReadOnlyCollection<string>? caseIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (caseIds is null)
        {
            await ExecuteAsync(connection, tx, "UPDATE tracked_cases SET dirty = dirty + 1", cancellationToken);
        }
        else
        {
            await ExecuteWhereInAsync(connection, tx, "UPDATE tracked_cases SET dirty = dirty + 1", "id",
                caseIds.Where(Salesforce.SalesforceId.IsValid).Select(Salesforce.SalesforceId.To18).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task RecordJudgedAsync(IReadOnlyList<JudgedCase> judged, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // The backlog entry and the facts go with the verdict: the next sweep counts this case from them without reading it.
        await ExecuteRowsAsync(connection, tx, """
            UPDATE tracked_cases SET dirty = CASE WHEN dirty = v.column2 THEN 0 ELSE dirty END, next_at = v.column3, judged_owner = v.column4,
                open_pack = v.column5, open_created = v.column6, key_account = v.column7, owner_history = v.column8,
                facts = CASE WHEN v.column9 = 1 THEN 1 ELSE facts END,
                owner_id = CASE WHEN v.column9 = 1 THEN v.column10 ELSE owner_id END, account_id = CASE WHEN v.column9 = 1 THEN v.column11 ELSE account_id END,
                order_number = CASE WHEN v.column9 = 1 THEN v.column12 ELSE order_number END, category = CASE WHEN v.column9 = 1 THEN v.column13 ELSE category END,
                case_number = CASE WHEN v.column9 = 1 THEN v.column14 ELSE case_number END
            FROM (VALUES
            """, ") AS v WHERE tracked_cases.id = v.column1", judged.DistinctBy(j => j.Id, StringComparer.Ordinal).ToList(),
            j => [j.Id, j.Dirty, j.NextAt is { } n ? Format(n) : null, j.Owner, j.Open?.Pack, j.Open is { } o ? Format(o.CreatedDate) : null,
                j.Open?.KeyAccount == true ? 1 : 0, j.OwnerHistory ? 1 : 0, j.Facts is null ? 0 : 1, j.Facts?.OwnerId, j.Facts?.AccountId, j.Facts?.OrderNumber,
                j.Facts?.Category, j.Facts?.CaseNumber], cancellationToken);

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ScalarAsync(connection, null, "SELECT MIN(next_at) FROM tracked_cases WHERE next_at > @after", cancellationToken, ("@after", Format(after))) is string next
            ? Parse(next) : null;
    }

    public async Task<IReadOnlyList<JsonObject>> LoadOrgRecordsAsync(string objectName, CancellationToken cancellationToken) =>
        await ReadOrgRecordTextsAsync(objectName, cancellationToken).Select(json => JsonNode.Parse(json)!.AsObject()).ToListAsync(cancellationToken);

    public IAsyncEnumerable<string> ReadOrgRecordTextsAsync(string objectName, CancellationToken cancellationToken) =>
        RowsAsync("SELECT record FROM org_records WHERE object = @o ORDER BY id", cancellationToken, ("@o", objectName)).Select(r => r.GetString(0));

    public async Task<SweepCommit> CommitSweepAsync(IReadOnlyList<Finding> findings, FindingsScope scope, DateTimeOffset now,
        Func<LedgerUpdate, IReadOnlyList<Alerts.Alert>> plan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var ledger = await RecordFindingsAsync(connection, tx, findings, scope, now, cancellationToken);
        var planned = plan(ledger);
        var queued = await InsertAlertsAsync(connection, tx, planned, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new SweepCommit(ledger, planned, queued);
    }

    private async Task<LedgerUpdate> RecordFindingsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Finding> findings, FindingsScope scope, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stamp = Format(now);
        // Set-based: which breach keys the ledger already has, then one statement per chunk for the new ones and one for the known ones.
        var unique = findings.DistinctBy(f => f.BreachKey, StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var unmarked = new HashSet<string>(StringComparer.Ordinal); // cases whose critical finding holds again: the mark SfBridge set is gone
        await ForEachInAsync(connection, tx, "SELECT breach_key, kind, cleared_at, case_id FROM findings", "breach_key", unique.Select(f => f.BreachKey).ToList(), r =>
        {
            known.Add(r.GetString(0));
            if (r.GetString(1) == "critical" && !r.IsDBNull(2))
            {
                unmarked.Add(r.GetString(3));
            }
        }, cancellationToken);
        // Marked again by the next dispatch (a person took the mark off, or the case came back to a critical category).
        await ExecuteWhereInAsync(connection, tx, "DELETE FROM critical_marks", "case_id", unmarked, cancellationToken);
        var opened = unique.Where(f => !known.Contains(f.BreachKey)).ToList();
        // One upsert for new and known findings: a known one is open again, and takes what the rule says now (its due
        // instant moves with a pause, its text with what happened since, and a breach met late is settled). One that comes
        // back after a note told the case's people it was resolved is a new instance of the breach: it is told again from
        // its first post, and what was acknowledged or snoozed was the earlier one. One that cleared and came back unnoticed
        // (no note went out: its rule writes none, or its clock was only paused) goes on as it was, its "ok" standing.
        var returns = ResolvedByNote("findings");
        await ExecuteRowsAsync(connection, tx,
            "INSERT INTO findings (breach_key, case_id, case_number, pack, rule_id, kind, severity, due_at, detail, mentions, first_seen, last_seen, settled) VALUES",
            $"""
            ON CONFLICT (breach_key) DO UPDATE SET last_seen = excluded.last_seen, cleared_at = NULL, due_at = excluded.due_at, detail = excluded.detail,
                mentions = excluded.mentions, settled = excluded.settled,
                since_sequence = CASE WHEN {returns}
                    THEN (SELECT MAX(a.sequence) + 1 FROM alerts a WHERE a.breach_key = findings.breach_key) ELSE findings.since_sequence END,
                acknowledged_at = CASE WHEN {returns} THEN NULL ELSE findings.acknowledged_at END,
                snoozed_until = CASE WHEN {returns} THEN NULL ELSE findings.snoozed_until END
            """, unique, f => [f.BreachKey, f.CaseId, f.CaseNumber, f.Pack, f.RuleId, f.Kind.WireName(), f.Severity.WireName(),
                f.DueAt is { } d ? Format(d) : null, f.Detail, JsonSerializer.Serialize(f.Mentions), stamp, stamp, f.Settled ? 1 : 0], cancellationToken);

        // Open findings this batch may clear: those of the cases it judged and (first batch of a sweep) of cases no
        // longer tracked; never those of a case it could not judge.
        var current = findings.Select(f => f.BreachKey).ToHashSet(StringComparer.Ordinal);
        var cleared = new List<ClearedFinding>();
        Action<DbDataReader> ConsiderInto(List<ClearedFinding> into) => reader =>
        {
            if (!current.Contains(reader.GetString(0)) && scope.MayClear(reader.GetString(1)))
            {
                into.Add(new ClearedFinding(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                {
                    Pack = reader.GetString(4),
                    Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Kind = FindingKinds.TryParse(reader.GetString(6), out var kind) ? kind : FindingKind.SlaBreach,
                });
            }
        };

        const string Open = "SELECT breach_key, case_id, case_number, rule_id, pack, detail, kind FROM findings";
        await ForEachInAsync(connection, tx, Open, "cleared_at IS NULL AND case_id", scope.Judged.ToList(), ConsiderInto(cleared), cancellationToken);
        if (scope.ClearUntracked)
        {
            // The open findings of cases no longer tracked: a plain anti-join, usually none or a few. The test below is asked
            // of those alone (asked of every open finding in one statement, it took a PostgreSQL sweep 300-450 ms over 97,000).
            var untracked = new List<ClearedFinding>();
            await ForEachInAsync(connection, tx, Open + " f WHERE f.cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM tracked_cases t WHERE t.id = f.case_id)",
                null, [], ConsiderInto(untracked), cancellationToken);
            // A closed case leaves the tracked set once judged at its closing, often before that judgement's alert is posted
            // (held off-shift until the team's hours open, behind the caps): its finding stays open until the alert goes out,
            // unless the case changed since in a way that undoes the closing (reopened: tracked again; deleted; quarantined).
            // Edits to a case already closed ("closed earlier") are not judged, and do not count.
            var held = new HashSet<string>(StringComparer.Ordinal);
            var closing = untracked.Where(u => scope.ClosingRules.Contains(u.RuleId)).Select(u => u.BreachKey).ToList();
            if (closing.Count > 0)
            {
                await ForEachInAsync(connection, tx, "SELECT f.breach_key FROM findings f", $"""
                    EXISTS (SELECT 1 FROM alerts a WHERE a.breach_key = f.breach_key AND a.purpose = 'breach' AND {StillToGoOutWithTries})
                        AND EXISTS (SELECT 1 FROM case_journal j WHERE j.id = f.case_id AND j.change = 'closed'
                            AND NOT EXISTS (SELECT 1 FROM case_journal k WHERE k.id = f.case_id AND k.seq > j.seq AND k.change <> 'closed earlier'))
                        AND f.breach_key
                    """, closing, r => held.Add(r.GetString(0)), cancellationToken, ("@max", scope.MaxAttempts));
            }

            cleared.AddRange(untracked.Where(u => !held.Contains(u.BreachKey)));
        }

        cleared = cleared.DistinctBy(c => c.BreachKey, StringComparer.Ordinal).OrderBy(c => c.BreachKey, StringComparer.Ordinal).ToList();
        await ExecuteWhereInAsync(connection, tx, "UPDATE findings SET cleared_at = @now", "breach_key", cleared.Select(c => c.BreachKey).ToList(), cancellationToken,
            ("@now", stamp));
        return new LedgerUpdate(opened, cleared);
    }

    /// <summary>
    /// Reads <paramref name="select"/> inside the transaction: restricted to <paramref name="column"/> IN the values, in
    /// chunks (the column may carry a condition before it: "x IS NULL AND id"), or as it is when the column is null.
    /// </summary>
    private static async Task ForEachInAsync(DbConnection connection, DbTransaction? tx, string select, string? column, IReadOnlyCollection<string> values,
        Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        IEnumerable<string[]> chunks = column is null ? [[]] : values.Chunk(500);
        foreach (var chunk in chunks)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(Parameter(command, name, value));
            }

            var names = chunk.Select((value, i) => { command.Parameters.Add(Parameter(command, "@in" + i, value)); return "@in" + i; }).ToList();
            command.CommandText = column is null ? select : $"{select} WHERE {column} IN ({string.Join(", ", names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastSuccessesAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT job, MAX(finished_at) FROM runs WHERE ok = 1 AND detail <> 'stopped' GROUP BY job", cancellationToken))
        .ToDictionary(r => (string)r[0]!, r => Parse((string)r[1]!), StringComparer.Ordinal);

    public async Task<int> ForgetRunsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM runs WHERE finished_at < @before", cancellationToken, ("@before", Format(before)));
    }

    public async Task RecordRunAsync(JobRun run, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "INSERT INTO runs (job, started_at, finished_at, ok, detail, instance, fire_id) VALUES (@j, @s, @f, @ok, @d, @i, @fire)",
            cancellationToken, ("@j", run.Job), ("@s", Format(run.Started)), ("@f", Format(run.Finished)), ("@ok", run.Ok ? 1 : 0), ("@d", run.Detail),
            ("@i", run.Instance), ("@fire", run.FireId));
    }

    /// <summary>Cases with an open critical finding that SfBridge has not marked yet.</summary>
    public async Task<IReadOnlyList<string>> CasesToMarkCriticalAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT DISTINCT case_id FROM findings WHERE kind = 'critical' AND cleared_at IS NULL AND case_id NOT IN (SELECT case_id FROM critical_marks) ORDER BY case_id", cancellationToken))
            .Select(r => (string)r[0]!).ToList();

    /// <summary>Runs a query and hands each row to <paramref name="row"/> as it is read.</summary>
    private async Task ForEachRowAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await foreach (var reader in RowsAsync(sql, cancellationToken, parameters))
        {
            row(reader);
        }
    }

    /// <summary>The rows of a query as the database returns them: the reader, on each row in turn, over a connection held until the enumeration ends.</summary>
    private async IAsyncEnumerable<DbDataReader> RowsAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(command, name, value));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }

    /// <summary>Runs a read-only query for diagnostics and tests (e.g. the case journal).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task SetWatermarkAsync(DbConnection connection, DbTransaction tx, string objectName, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, tx, "INSERT INTO watermarks (object, system_modstamp, updated_at) VALUES (@o, @m, @at) ON CONFLICT (object) DO UPDATE SET system_modstamp = @m, updated_at = @at",
            cancellationToken, ("@o", objectName), ("@m", Format(watermark)), ("@at", Format(_time.GetUtcNow())));

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await CreateOpenConnectionAsync(cancellationToken);

    /// <summary>Parameters per multi-row statement (PostgreSQL takes 65,535; a thousand keeps statements small to plan).</summary>
    private const int MaxParameters = 1_000;

    /// <summary>
    /// Whether a set of rows goes out as multi-row statements (a round trip per chunk: PostgreSQL), or as one prepared
    /// single-row statement executed per row (SQLite, in process: no round trip, and a statement with many named
    /// parameters costs the square of their number to bind).
    /// </summary>
    protected virtual bool MultiRowStatements => true;

    /// <summary>
    /// Writes rows set-based: <paramref name="prefix"/> (ending in VALUES), the rows as parameterised tuples, then
    /// <paramref name="suffix"/>; returns the rows affected. See <see cref="MultiRowStatements"/>.
    /// </summary>
    private async Task<int> ExecuteRowsAsync<T>(DbConnection connection, DbTransaction tx, string prefix, string suffix, IReadOnlyList<T> rows,
        Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var width = values(rows[0]).Length;
        var affected = 0;
        if (!MultiRowStatements)
        {
            await using var single = connection.CreateCommand();
            single.Transaction = tx;
            var names = Enumerable.Range(0, width).Select(c => string.Create(CultureInfo.InvariantCulture, $"@c{c}")).ToList();
            single.CommandText = $"{prefix} ({string.Join(", ", names)}) {suffix}";
            var parameters = names.Select(n => { var p = single.CreateParameter(); p.ParameterName = n; return p; }).ToList(); // typed by each value bound
            single.Parameters.AddRange(parameters.ToArray());
            single.Prepare();
            foreach (var row in rows)
            {
                var rowValues = values(row);
                for (var c = 0; c < width; c++)
                {
                    parameters[c].Value = Storable(rowValues[c]);
                }

                affected += await single.ExecuteNonQueryAsync(cancellationToken);
            }

            return affected;
        }

        var sql = new System.Text.StringBuilder();
        foreach (var chunk in rows.Chunk(Math.Clamp(MaxParameters / width, 1, 500)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            sql.Clear().Append(prefix).Append(' ');
            for (var row = 0; row < chunk.Length; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                var rowValues = values(chunk[row]);
                for (var column = 0; column < rowValues.Length; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@r{row}c{column}");
                    command.Parameters.Add(Parameter(command, name, rowValues[column]));
                    sql.Append(column == 0 ? "" : ", ").Append(name);
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(' ').Append(suffix).ToString();
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    /// <summary>Runs <paramref name="statement"/> (an UPDATE or DELETE) for the rows whose <paramref name="column"/> is one of <paramref name="values"/>, in chunks.</summary>
    private static async Task<int> ExecuteWhereInAsync(DbConnection connection, DbTransaction tx, string statement, string column, IReadOnlyCollection<string> values,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var affected = 0;
        foreach (var chunk in values.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(Parameter(command, name, value));
            }

            var names = chunk.Select((value, i) => { command.Parameters.Add(Parameter(command, "@in" + i, value)); return "@in" + i; });
            command.CommandText = $"{statement} WHERE {column} IN ({string.Join(", ", names)})";
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(command, name, value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(command, name, value));
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = Storable(value);
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String; // an untyped null confuses PostgreSQL's type inference
        }

        return parameter;
    }

    /// <summary>
    /// A value as both databases store it: text without NUL characters (U+0000, which JSON can carry as "\u0000" in a subject
    /// or a custom field, and which PostgreSQL refuses in text, failing the transaction of a whole page or sweep batch again
    /// on every run). Chatter text drops them too; the case's record keeps them, escaped in its JSON.
    /// </summary>
    private static object Storable(object? value) => value switch
    {
        null => DBNull.Value,
        string text when text.Contains('\0', StringComparison.Ordinal) => text.Replace("\0", "", StringComparison.Ordinal),
        _ => value,
    };

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
