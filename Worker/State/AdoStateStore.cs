using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using SfBridge.Rules;

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

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
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
        foreach (var (id, modstamp) in children)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO child_versions (id, object, system_modstamp) VALUES (@id, @o, @m) ON CONFLICT (id) DO UPDATE SET system_modstamp = @m
                """, cancellationToken, ("@id", id), ("@o", objectName), ("@m", Format(modstamp)));
        }

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
        foreach (var chunk in ids.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((id, i) => { command.Parameters.Add(Parameter(command, "@p" + i, id)); return "@p" + i; }).ToList();
            command.CommandText = $"{select} WHERE {column} IN ({string.Join(',', names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    public async Task ApplyCasePageAsync(CasePage page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = Format(_time.GetUtcNow());
        foreach (var c in page.Upserts)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO tracked_cases (id, system_modstamp, record, closing, dirty) VALUES (@id, @m, @r, @closing, 1)
                ON CONFLICT (id) DO UPDATE SET system_modstamp = @m, record = @r, closing = @closing, dirty = tracked_cases.dirty + 1
                """, cancellationToken, ("@id", c.Id), ("@m", Format(c.SystemModstamp)), ("@r", c.Record.ToJsonString()), ("@closing", c.Closing ? 1 : 0));
            await Version(c.Id, c.SystemModstamp, c.Closing ? "closing" : "upsert");
        }

        foreach (var r in page.Removals)
        {
            await ExecuteAsync(connection, tx, "DELETE FROM tracked_cases WHERE id = @id", cancellationToken, ("@id", r.Id));
            await Version(r.Id, r.SystemModstamp, r.Reason);
        }

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

        async Task Version(string id, DateTimeOffset modstamp, string change)
        {
            await ExecuteAsync(connection, tx, "INSERT INTO case_versions (id, system_modstamp) VALUES (@id, @m) ON CONFLICT (id) DO UPDATE SET system_modstamp = @m",
                cancellationToken, ("@id", id), ("@m", Format(modstamp)));
            await ExecuteAsync(connection, tx, "INSERT INTO case_journal (id, system_modstamp, change, at) VALUES (@id, @m, @c, @at)",
                cancellationToken, ("@id", id), ("@m", Format(modstamp)), ("@c", change), ("@at", now));
        }
    }

    public async Task<IReadOnlyList<TrackedCase>> LoadTrackedCasesAsync(CancellationToken cancellationToken)
    {
        var cases = new List<TrackedCase>();
        foreach (var row in await QueryAsync("SELECT record, pack, pack_record_type, closing, dirty, next_at, judged_owner FROM tracked_cases ORDER BY id", cancellationToken))
        {
            cases.Add(new TrackedCase(JsonNode.Parse((string)row[0]!)!.AsObject(), row[1] as string, row[2] as string, Convert.ToInt32(row[3], CultureInfo.InvariantCulture) != 0)
            {
                Dirty = Convert.ToInt32(row[4], CultureInfo.InvariantCulture),
                NextAt = row[5] is string next ? Parse(next) : null,
                JudgedOwner = row[6] as string,
            });
        }

        return cases;
    }

    public async Task RememberPacksAsync(IReadOnlyList<(string CaseId, string Pack, string? RecordType)> packs, CancellationToken cancellationToken)
    {
        if (packs.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (id, pack, recordType) in packs)
        {
            await ExecuteAsync(connection, tx, "UPDATE tracked_cases SET pack = @p, pack_record_type = @rt WHERE id = @id", cancellationToken,
                ("@p", pack), ("@rt", recordType), ("@id", id));
        }

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
            if (modstamp is string m && Parse(m) == version)
            {
                await ExecuteAsync(connection, tx, "DELETE FROM tracked_cases WHERE id = @id", cancellationToken, ("@id", id));
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

    public async Task<int> RecordGarAnswersAsync(IReadOnlyList<(string OrderNumber, GarOrder? Order)> answers, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (bool Found, string? Status, string? Validated, string? Updated)>(StringComparer.OrdinalIgnoreCase);
        // Only the last answer kept for each order is compared (the index on order_number, seq finds it).
        foreach (var row in await QueryAsync("""
            SELECT g.order_number, g.found, g.status, g.validated_at, g.updated_at FROM gar_answers g
            WHERE g.seq = (SELECT MAX(h.seq) FROM gar_answers h WHERE h.order_number = g.order_number)
            """, cancellationToken))
        {
            last[(string)row[0]!] = (Convert.ToInt32(row[1], CultureInfo.InvariantCulture) != 0, row[2] as string, row[3] as string, row[4] as string);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = 0;
        foreach (var (number, order) in answers)
        {
            var answer = (order is not null, order?.Status, order?.ValidatedAt is { } v ? Format(v) : null, order?.UpdatedAt is { } u ? Format(u) : null);
            if (last.TryGetValue(number, out var previous) && previous == answer)
            {
                continue;
            }

            await ExecuteAsync(connection, tx, """
                INSERT INTO gar_answers (order_number, found, status, validated_at, updated_at, seen_at) VALUES (@n, @f, @s, @v, @u, @at)
                """, cancellationToken, ("@n", number), ("@f", answer.Item1 ? 1 : 0), ("@s", answer.Status), ("@v", answer.Item3), ("@u", answer.Item4), ("@at", Format(seenAt)));
            recorded++;
        }

        await tx.CommitAsync(cancellationToken);
        return recorded;
    }

    public async Task<(IReadOnlyList<GarObservation> Found, IReadOnlyList<string> Checked)> LoadGarAnswersAsync(CancellationToken cancellationToken)
    {
        var found = new List<GarObservation>();
        var checkedOrders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in await QueryAsync("SELECT order_number, found, status, validated_at, updated_at, seen_at FROM gar_answers ORDER BY seq", cancellationToken))
        {
            var number = (string)row[0]!;
            checkedOrders.Add(number);
            if (Convert.ToInt32(row[1], CultureInfo.InvariantCulture) != 0 && row[2] is string status)
            {
                found.Add(new GarObservation(new GarOrder(number, status, row[3] is string v ? Parse(v) : null, row[4] is string u ? Parse(u) : null), Parse((string)row[5]!)));
            }
        }

        return (found, checkedOrders.Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IReadOnlyList<JsonObject>> ReplaceOrgRecordsAsync(string objectName, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        var stored = await StoredOrgAsync(objectName, cancellationToken);
        var incoming = records.ToDictionary(r => r["Id"]?.GetValue<string>() ?? throw new InvalidDataException($"{objectName} record without Id"), StringComparer.Ordinal);
        return await ApplyOrgAsync(objectName, stored, incoming, stored.Keys.Where(id => !incoming.ContainsKey(id)).ToList(), null, cancellationToken);
    }

    public async Task<IReadOnlyList<JsonObject>> MergeOrgRecordsAsync(string objectName, IReadOnlyList<JsonObject> records, IReadOnlyList<string> deletedIds,
        DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var stored = await StoredOrgAsync(objectName, cancellationToken);
        var incoming = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            incoming[record["Id"]?.GetValue<string>() ?? throw new InvalidDataException($"{objectName} record without Id")] = record;
        }

        return await ApplyOrgAsync(objectName, stored, incoming, deletedIds.Where(stored.ContainsKey).ToList(), watermark, cancellationToken);
    }

    /// <summary>Writes only what differs from what is stored, in one transaction; returns old and new versions of every change.</summary>
    private async Task<IReadOnlyList<JsonObject>> ApplyOrgAsync(string objectName, Dictionary<string, string> stored, Dictionary<string, JsonObject> incoming,
        IReadOnlyList<string> removed, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var changed = new List<JsonObject>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (id, record) in incoming)
        {
            var json = record.ToJsonString();
            if (stored.TryGetValue(id, out var old) && old == json)
            {
                continue;
            }

            await ExecuteAsync(connection, tx, "INSERT INTO org_records (object, id, record) VALUES (@o, @id, @r) ON CONFLICT (object, id) DO UPDATE SET record = @r",
                cancellationToken, ("@o", objectName), ("@id", id), ("@r", json));
            changed.Add(record);
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

    private async Task<Dictionary<string, string>> StoredOrgAsync(string objectName, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record FROM org_records WHERE object = @o";
        command.Parameters.Add(Parameter(command, "@o", objectName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = reader.GetString(1);
        }

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
            foreach (var id in caseIds.Where(Salesforce.SalesforceId.IsValid).Select(Salesforce.SalesforceId.To18).Distinct(StringComparer.Ordinal))
            {
                await ExecuteAsync(connection, tx, "UPDATE tracked_cases SET dirty = dirty + 1 WHERE id = @id", cancellationToken, ("@id", id));
            }
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task RecordJudgedAsync(IReadOnlyList<JudgedCase> judged, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var j in judged)
        {
            await ExecuteAsync(connection, tx, """
                UPDATE tracked_cases SET dirty = CASE WHEN dirty = @d THEN 0 ELSE dirty END, next_at = @n, judged_owner = @o WHERE id = @id
                """, cancellationToken, ("@d", j.Dirty), ("@n", j.NextAt is { } n ? Format(n) : null), ("@o", j.Owner), ("@id", j.Id));
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ScalarAsync(connection, null, "SELECT MIN(next_at) FROM tracked_cases WHERE next_at > @after", cancellationToken, ("@after", Format(after))) is string next
            ? Parse(next) : null;
    }

    public async Task<IReadOnlyList<(string BreachKey, string CaseId)>> OpenFindingsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT breach_key, case_id FROM findings WHERE cleared_at IS NULL ORDER BY breach_key", cancellationToken))
        .Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    public async Task<IReadOnlyList<JsonObject>> LoadOrgRecordsAsync(string objectName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM org_records WHERE object = @o ORDER BY id";
        command.Parameters.Add(Parameter(command, "@o", objectName));
        return await ReadJsonAsync(command, cancellationToken);
    }

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
        var opened = new List<Finding>();
        foreach (var f in findings)
        {
            var inserted = await ExecuteAsync(connection, tx, """
                INSERT INTO findings (breach_key, case_id, case_number, pack, rule_id, kind, severity, due_at, message, detail, mentions, first_seen, last_seen)
                VALUES (@k, @case, @number, @pack, @rule, @kind, @severity, @due, @message, @detail, @mentions, @now, @now)
                ON CONFLICT (breach_key) DO NOTHING
                """, cancellationToken, ("@k", f.BreachKey), ("@case", f.CaseId), ("@number", f.CaseNumber), ("@pack", f.Pack), ("@rule", f.RuleId),
                ("@kind", f.Kind.WireName()), ("@severity", f.Severity.WireName()), ("@due", f.DueAt is { } d ? Format(d) : null), ("@message", f.Message),
                ("@detail", f.Detail), ("@mentions", JsonSerializer.Serialize(f.Mentions)), ("@now", stamp));
            if (inserted == 1)
            {
                opened.Add(f);
            }
            else
            {
                await ExecuteAsync(connection, tx, "UPDATE findings SET last_seen = @now, cleared_at = NULL WHERE breach_key = @k", cancellationToken, ("@now", stamp), ("@k", f.BreachKey));
            }
        }

        var current = findings.Select(f => f.BreachKey).ToHashSet(StringComparer.Ordinal);
        var cleared = new List<ClearedFinding>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "SELECT breach_key, case_id, case_number, rule_id, pack, detail, kind FROM findings WHERE cleared_at IS NULL";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!current.Contains(reader.GetString(0)) && scope.MayClear(reader.GetString(1)))
                {
                    cleared.Add(new ClearedFinding(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                    {
                        Pack = reader.GetString(4),
                        Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
                        Kind = FindingKinds.TryParse(reader.GetString(6), out var kind) ? kind : FindingKind.SlaBreach,
                    });
                }
            }
        }

        foreach (var c in cleared)
        {
            await ExecuteAsync(connection, tx, "UPDATE findings SET cleared_at = @now WHERE breach_key = @k", cancellationToken, ("@now", stamp), ("@k", c.BreachKey));
        }

        return new LedgerUpdate(opened, cleared);
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

    private static async Task<IReadOnlyList<JsonObject>> ReadJsonAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        }

        return list;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await CreateOpenConnectionAsync(cancellationToken);

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
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String; // an untyped null confuses PostgreSQL's type inference
        }

        return parameter;
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
