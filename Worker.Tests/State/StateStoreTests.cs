using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using SfBridge.Alerts;
using SfBridge.State;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.State;

public sealed class StateStoreTests
{
    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task Migrate_NewDatabase_ReachesTheLatestVersion_AndIsIdempotent(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);

        await h.Store.MigrateAsync(default);

        Assert.Equal(StateSchema.Latest, await h.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(StateSchema.Latest, await h.ScalarAsync("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Migrate_ADatabaseOfVersion11_KeepsItsFindings_AndDropsTheirStoredMessages()
    {
        // Version 12 stops keeping a finding's message: it is written only for what is posted or printed.
        var file = Path.Combine(Path.GetTempPath(), $"sfbridge-v11-{Guid.NewGuid():N}.db");
        try
        {
            await using (var old = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + file))
            {
                await old.OpenAsync();
                await using var command = old.CreateCommand();
                command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL);" + string.Concat(StateSchema.Migrations.Where(m => m.Version <= 11)
                    .Select(m => m.Sql.Replace("{serial}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal) + $";INSERT INTO schema_version VALUES ({m.Version});")) + """
                    INSERT INTO findings (breach_key, case_id, case_number, pack, rule_id, kind, severity, message, detail, mentions, first_seen, last_seen)
                    VALUES ('PIT-01|500A|x', '500A', '00001234', 'pit-stop', 'PIT-01', 'sla-breach', 'breach', 'Bom dia! O caso 00001234 passou do prazo.',
                            'prazo de 30 min', '[]', '2026-03-02T00:00:00.0000000Z', '2026-03-02T00:00:00.0000000Z');
                    """;
                await command.ExecuteNonQueryAsync();
            }

            using var store = new SqliteStateStore(Microsoft.Extensions.Options.Options.Create(new StateOptions { Provider = "sqlite", ConnectionString = "Data Source=" + file }),
                TimeProvider.System);
            await store.MigrateAsync(default);

            Assert.Equal(StateSchema.Latest, Convert.ToInt32((await store.QueryAsync("SELECT MAX(version) FROM schema_version", default))[0][0], System.Globalization.CultureInfo.InvariantCulture));
            var row = Assert.Single(await store.QueryAsync("SELECT breach_key, detail, cleared_at FROM findings", default));
            Assert.Equal(("PIT-01|500A|x", "prazo de 30 min", null), ((string)row[0]!, (string)row[1]!, row[2]));
            var columns = (await store.QueryAsync("SELECT name FROM pragma_table_info('findings')", default)).Select(r => (string)r[0]!).ToList();
            Assert.Contains("detail", columns);
            Assert.DoesNotContain("message", columns);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            File.Delete(file + ".lock");
        }
    }

    [Fact]
    public async Task Sqlite_UsesTheWalJournal()
    {
        await using var h = await SyncHarness.StartAsync();

        Assert.Equal("wal", (string)(await h.Store.QueryAsync("PRAGMA journal_mode", default))[0][0]!);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task GarAnswers_TheSameAnswerAgain_IsKeptOnce_LastSeenWhenGivenAgain(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var t0 = Salesforce.SalesforceHarness.Start;
        var pending = new SfBridge.Rules.GarOrder("48100221", "AGUARDANDO_VALIDACAO", null, t0.AddDays(-1));
        var approved = pending with { Status = "APROVADO", UpdatedAt = t0.AddHours(1) };

        var withdrawn = pending with { OrderNumber = "48500001" };

        var gap = TimeSpan.FromMinutes(15);

        var first = await h.Store.RecordGarAnswersAsync([("48100221", pending, t0), ("48377001", null, t0), ("48500001", withdrawn, t0)], gap, default);
        var again = await h.Store.RecordGarAnswersAsync([("48100221", pending, t0.AddMinutes(5)), ("48377001", null, t0.AddMinutes(5))], gap, default);
        var later = await h.Store.RecordGarAnswersAsync([("48100221", approved, t0.AddHours(2)), ("48500001", null, t0.AddHours(2)), ("48377001", null, t0.AddHours(2))], gap, default);
        var (found, answered) = await h.Store.LoadGarAnswersAsync(default);

        Assert.Equal((3, 0), (first.Recorded, first.Resumed.Count));
        Assert.Equal((0, 0), (again.Recorded, again.Resumed.Count)); // asked five minutes before: no gap
        Assert.Equal(2, later.Recorded);
        Assert.Equal(["48377001"], later.Resumed); // the same answer after nearly two hours unasked

        // 48500001 was found, then GAR stopped finding it: its answer found stays (an escalation made meanwhile is judged on it),
        // and its last answer, "not found", is later than that answer's last sighting.
        Assert.Equal([new SfBridge.Rules.GarObservation(pending, t0, t0.AddMinutes(5)), new SfBridge.Rules.GarObservation(withdrawn, t0, t0),
            new SfBridge.Rules.GarObservation(approved, t0.AddHours(2), t0.AddHours(2))], found);
        Assert.Equal(t0.AddHours(2), answered["48500001"]);
        Assert.Equal(["48100221", "48377001", "48500001"], answered.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(t0.AddHours(2), answered["48100221"]);
        Assert.Equal(t0.AddHours(2), answered["48377001"]); // not found, and not found again later
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task GarAnswers_KeptBeforeLastSightingsWereRecorded_HoldUntilTheNextWasSeen(string provider)
    {
        // A database from before the last sightings: its answers were read as holding until the next one, and still are
        // (read as holding only at their first sighting, an upgrade left escalations between two answers unjudged).
        await using var h = await SyncHarness.StartAsync(provider: provider);
        await h.Store.QueryAsync("ALTER TABLE gar_answers DROP COLUMN confirmed_at", default);
        await h.Store.QueryAsync($"DELETE FROM schema_version WHERE version = {StateSchema.Latest}", default);
        await h.Store.QueryAsync("""
            INSERT INTO gar_answers (order_number, found, status, validated_at, updated_at, seen_at) VALUES
            ('48100221', 1, 'AGUARDANDO_VALIDACAO', NULL, NULL, '2026-03-02T12:00:00.0000000Z'),
            ('48100221', 1, 'APROVADO', NULL, NULL, '2026-03-02T15:00:00.0000000Z'),
            ('48377001', 1, 'EMITIDO', NULL, NULL, '2026-03-02T12:00:00.0000000Z')
            """, default);

        await h.Store.MigrateAsync(default);
        var (found, _) = await h.Store.LoadGarAnswersAsync(default);

        var t = DateTimeOffset.Parse("2026-03-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([(t, t.AddHours(3)), (t.AddHours(3), t.AddHours(3)), (t, t)], found.Select(f => (f.SeenAt!.Value, f.LastSeen!.Value)));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task Watermark_IsNullUntilAPageIsStored(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);

        Assert.Null(await h.Store.GetWatermarkAsync("Case", default));
        h.Salesforce.SeedCases(3);
        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal(report.Watermark, await h.Store.GetWatermarkAsync("Case", default));
        Assert.Equal(Salesforce.SalesforceHarness.Start, report.Watermark);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task CasePage_WrittenSetBased_KeepsTheLastVersionOfACaseTwiceInThePage_AndJournalsBoth(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var at = h.Salesforce.Time.GetUtcNow();
        string Record(string id, string subject) => new JsonObject { ["Id"] = id, ["Subject"] = subject }.ToJsonString();
        // 1,200 cases: more rows than one statement takes, so the page is written in chunks.
        var upserts = Enumerable.Range(0, 1_200).Select(i => new CaseUpsert($"500SB{i:D11}AA", at, Record($"500SB{i:D11}AA", "first"),
            Facts: new CaseFacts($"{i:D8}", "005SB0000000001YAA", "001SB0000000001YAA", i % 2 == 0 ? "48100221" : null, "Liberação de pedido"))).ToList();
        upserts.Add(upserts[7] with { SystemModstamp = at.AddSeconds(1), Json = Record(upserts[7].Id, "second") });

        await h.Store.ApplyCasePageAsync(new CasePage(upserts, [new CaseRemoval("500SB99999999999AA", at, "deleted")], [], at), default);

        Assert.Equal(1_200, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
        var read = new List<TrackedCase>();
        await h.Store.ForEachTrackedCaseAsync([upserts[7].Id], read.Add, default);
        var stored = Assert.Single(read);
        Assert.Equal("second", JsonNode.Parse(stored.Json)!["Subject"]!.GetValue<string>());
        Assert.Equal(2, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{upserts[7].Id}'"));
        Assert.Equal(1_202, await h.ScalarAsync("SELECT COUNT(*) FROM case_journal"));
        var facts = new Dictionary<string, CaseFacts?>();
        await h.Store.ForEachCaseFactsAsync((id, f) => facts[id] = f, default);
        Assert.Equal(new CaseFacts("00000002", "005SB0000000001YAA", "001SB0000000001YAA", "48100221", "Liberação de pedido"), facts["500SB00000000002AA"]);
        Assert.Null(facts["500SB00000000003AA"]!.OrderNumber);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnOlderVersionOfACase_NeverReplacesANewerOneStored_TheSameVersionDoes(string provider)
    {
        // A case sync page classified before a sweep's read again stored the case at 12:05, then written, put back the
        // version of 12:00: the sweep judged the stale version it had read the case again to avoid.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var at = h.Salesforce.Time.GetUtcNow();
        const string id = "500SB00000000007AA";
        CaseUpsert Version(DateTimeOffset modstamp, string subject) => new(id, modstamp, new JsonObject { ["Id"] = id, ["Subject"] = subject }.ToJsonString());
        async Task<string> Subject()
        {
            var read = new List<TrackedCase>();
            await h.Store.ForEachTrackedCaseAsync([id], read.Add, default);
            return JsonNode.Parse(Assert.Single(read).Json)!["Subject"]!.GetValue<string>();
        }

        await h.Store.ApplyCasePageAsync(new CasePage([Version(at.AddMinutes(5), "read again")], [], [], null), default);
        await h.Store.ApplyCasePageAsync(new CasePage([Version(at, "older page")], [], [], null), default);
        var afterOlder = await Subject();
        await h.Store.ApplyCasePageAsync(new CasePage([Version(at.AddMinutes(5), "a child changed")], [], [], null), default);

        Assert.Equal("read again", afterOlder);
        Assert.Equal("a child changed", await Subject()); // a refresh at the same version: what changed is a child
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task CaseIndex_CarriesWhatTheLastJudgementStored_WithoutTheRecord(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var at = h.Salesforce.Time.GetUtcNow();
        var ids = Enumerable.Range(0, 3).Select(i => $"500SB{i:D11}AA").ToList();
        await h.Store.ApplyCasePageAsync(new CasePage(ids.Select(id => new CaseUpsert(id, at, new JsonObject { ["Id"] = id }.ToJsonString())).ToList(), [], [], at), default);

        await h.Store.RecordJudgedAsync(
        [
            new JudgedCase(ids[0], 1, at.AddHours(2), "005SB0000000001YAA") { Open = new(ids[0], "005SB0000000001YAA", "gso", at.AddDays(-1), KeyAccount: true), OwnerHistory = true },
            new JudgedCase(ids[1], 5, null, null), // judged while a newer version was stored meanwhile: stays dirty
        ], default);

        var index = (await h.Store.LoadCaseIndexAsync(default)).ToDictionary(e => e.Id);
        Assert.Equal(new CaseIndexEntry(ids[0], false, 0, at.AddHours(2), "005SB0000000001YAA", new(ids[0], "005SB0000000001YAA", "gso", at.AddDays(-1), true), true), index[ids[0]]);
        Assert.Equal(1, index[ids[1]].Dirty);
        Assert.Null(index[ids[1]].Open);
        Assert.Equal(new CaseIndexEntry(ids[2], false, 1, null, null, null, false), index[ids[2]]);
        var without = new List<string>();
        await h.Store.ForEachCaseFactsAsync((id, f) => { if (f is null) { without.Add(id); } }, default);
        Assert.Contains(ids[2], without); // stored without facts: read from the record
    }

    [Fact]
    public async Task Outbox_OnPostgres_AClaimCountedAgainstTheWindow_HoldsTheClaimLockUntilItCommits()
    {
        // Workers of a cluster share one database: a claim counts the window's posts and claims under one lock, so a
        // second worker's count waits for the first one's claims.
        await using var h = await SyncHarness.StartAsync(provider: "postgres");
        var now = h.Salesforce.Time.GetUtcNow();
        var alert = new Alert(Alert.ReferenceFor("PIT-01|500SB0000000001YAA|x", 0), "PIT-01|500SB0000000001YAA|x", "500SB0000000001YAA", "PIT-01", 0, 1,
            AlertPurpose.Breach, AlertState.Pending, "Boa tarde! Caso atrasado.", [], null, 0, now, null);
        await h.Store.EnqueueAsync([alert], default);
        var database = h.Salesforce.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StateOptions>>().Value.ConnectionString;
        bool LockFree()
        {
            using var connection = new Npgsql.NpgsqlConnection(database);
            connection.Open();
            using var tx = connection.BeginTransaction(); // a transaction's lock, let go when it rolls back
            using var command = new Npgsql.NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({PostgresStateStore.ClaimLock})", connection, tx);
            return (bool)command.ExecuteScalar()!;
        }

        bool? freeWhileClaiming = null;
        var counted = -1;
        var claimed = await h.Store.ClaimWithinWindowAsync(now.AddMinutes(-1), recent =>
        {
            (freeWhileClaiming, counted) = (LockFree(), recent);
            return [alert];
        }, now, "worker-a", default);

        Assert.Equal((false, 0), (freeWhileClaiming, counted));
        Assert.True(LockFree());
        Assert.Equal([alert.Reference], claimed);
        Assert.Equal(1, await h.Store.PostsSinceAsync(now.AddMinutes(-1), default));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task Migrate_ADatabaseOfVersion16_MovesEachStoredRecordBesideItsCase_AndTheSweepReadsIt(string provider)
    {
        // Version 17 keeps the Salesforce record in case_records: tracked_cases keeps what a sweep reads of every case.
        var file = Path.Combine(Path.GetTempPath(), $"sfbridge-v16-{Guid.NewGuid():N}.db");
        var database = provider == "postgres" ? await PostgresDatabase.CreateAsync() : null;
        var text = database is null ? "Data Source=" + file : PostgresDatabase.ConnectionString(database);
        const string Json = """{"Id":"500SB0000000001YAA","Subject":"Certificado não emitido","SystemModstamp":"2026-03-02T12:00:00.000+0000"}""";
        try
        {
            await using (System.Data.Common.DbConnection old = database is null ? new Microsoft.Data.Sqlite.SqliteConnection(text) : new Npgsql.NpgsqlConnection(text))
            {
                await old.OpenAsync();
                await using var command = old.CreateCommand();
                var serial = database is null ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
                command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL);" + string.Concat(StateSchema.Migrations.Where(m => m.Version <= 16)
                    .Select(m => m.Sql.Replace("{serial}", serial, StringComparison.Ordinal) + $";INSERT INTO schema_version VALUES ({m.Version});")) + $"""
                    INSERT INTO tracked_cases (id, system_modstamp, record, pack, closing, dirty, next_at)
                    VALUES ('500SB0000000001YAA', '2026-03-02T12:00:00.0000000Z', '{Json}', 'gso', 0, 0, '2026-03-02T15:00:00.0000000Z');
                    """;
                await command.ExecuteNonQueryAsync();
            }

            AdoStateStore store = database is null
                ? new SqliteStateStore(Microsoft.Extensions.Options.Options.Create(new StateOptions { Provider = "sqlite", ConnectionString = text }), TimeProvider.System)
                : new PostgresStateStore(Microsoft.Extensions.Options.Options.Create(new StateOptions { Provider = "postgres", ConnectionString = text }), TimeProvider.System);
            try
            {
                await store.MigrateAsync(default);

                var read = new List<TrackedCase>();
                await store.ForEachTrackedCaseAsync(["500SB0000000001YAA"], read.Add, default);
                var tracked = Assert.Single(read);
                Assert.Equal((Json, "gso", 0, SfBridge.Tests.Builders.Scenario.At(2026, 3, 2, 12)), (tracked.Json, tracked.Pack, tracked.Dirty, tracked.NextAt));
                Assert.Equal(Json, Assert.Single(await store.LoadTrackedCasesAsync(default)).Json);
                var columns = (await store.QueryAsync(database is null ? "SELECT name FROM pragma_table_info('tracked_cases')"
                    : "SELECT column_name FROM information_schema.columns WHERE table_name = 'tracked_cases'", default)).Select(r => (string)r[0]!).ToList();
                Assert.Contains("next_at", columns);
                Assert.DoesNotContain("record", columns);
            }
            finally
            {
                if (store is IAsyncDisposable pooled)
                {
                    await pooled.DisposeAsync();
                }
                else
                {
                    ((IDisposable)store).Dispose();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            File.Delete(file + ".lock");
            if (database is not null)
            {
                await PostgresDatabase.DropAsync(database);
            }
        }
    }

    [Theory]
    [InlineData("", null, "-c jit=off")]
    [InlineData("", "-c search_path=sfbridge", "-c search_path=sfbridge")] // PGOPTIONS, which Npgsql reads when Options is unset, is kept
    [InlineData(";Options=-c statement_timeout=0", "-c search_path=sfbridge", "-c statement_timeout=0")]
    public void Postgres_StartupOptions_AreTheConnectionStrings_ElsePgOptions_ElseJitOff(string extra, string? environment, string expected)
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder("Host=127.0.0.1;Database=sfbridge" + extra);

        Assert.Equal(expected, PostgresStateStore.StartupOptions(connection, environment));
    }

    [Theory]
    [InlineData(null, "off")]
    [InlineData("-c jit=on", "on")]
    [InlineData("-c statement_timeout=0", "the server's")]
    public async Task Postgres_SessionsRunWithoutJitCompilation_UnlessTheConnectionStringSetsItsOwnOptions(string? options, string expected)
    {
        // A connection string that sets Options gets what it says: SfBridge adds nothing to it.
        var database = await PostgresDatabase.CreateAsync();
        try
        {
            var text = PostgresDatabase.ConnectionString(database) + (options is null ? "" : $";Options={options}");
            if (expected == "the server's")
            {
                await using var plain = new Npgsql.NpgsqlConnection(PostgresDatabase.ConnectionString(database));
                await plain.OpenAsync();
                await using var show = new Npgsql.NpgsqlCommand("SHOW jit", plain);
                expected = (string)(await show.ExecuteScalarAsync())!;
            }

            var store = new PostgresStateStore(Microsoft.Extensions.Options.Options.Create(new StateOptions { Provider = "postgres", ConnectionString = text }),
                TimeProvider.System);
            await using (store)
            {
                var first = await store.QueryAsync("SHOW jit", default);
                var again = await store.QueryAsync("SHOW jit", default); // a pooled connection, handed out again

                Assert.Equal((expected, expected), ((string)first[0][0]!, (string)again[0][0]!));
            }
        }
        finally
        {
            await PostgresDatabase.DropAsync(database);
        }
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task Outbox_SameBreachAndSequence_IsOneAlert_AndItsLifecycleIsKept(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        var alert = new Alert(Alert.ReferenceFor("PIT-01|500SB0000000001YAA|x", 0), "PIT-01|500SB0000000001YAA|x", "500SB0000000001YAA", "PIT-01", 0, 1,
            AlertPurpose.Breach, AlertState.Pending, "Boa tarde! Caso atrasado.", ["005SB0000000001YAA"], "sla-1", 0, now, null);

        var first = await h.Store.EnqueueAsync([alert], default);
        var again = await h.Store.EnqueueAsync([alert], default);
        var claimed = await h.Store.ClaimAsync([alert], now, "worker-a", default);
        var lost = await h.Store.ClaimAsync([alert], now, "worker-b", default); // read as pending too, but claimed already
        var sending = Assert.Single(await h.Store.UnconfirmedAsync(5, default));
        Assert.Empty(await h.Store.DueAsync(5, default).ToListAsync()); // its outcome is settled first, apart from the alerts ready to post
        await h.Store.ReleaseAsync([alert.Reference], "worker-b", default); // not worker-b's claim: left alone
        var stillSending = Assert.Single(await h.Store.UnconfirmedAsync(5, default)).State;
        var postsWhileSending = (await h.Store.PostsSinceAsync(now.AddMinutes(-1), default), await h.Store.PostsSinceAsync(now, default));
        // A second alert of the case carried by the same post: one post all the same.
        var other = alert with { Reference = Alert.ReferenceFor("PIT-02|500SB0000000001YAA|x", 0), BreachKey = "PIT-02|500SB0000000001YAA|x", RuleId = "PIT-02" };
        await h.Store.EnqueueAsync([other], default);
        await h.Store.ClaimAsync([other], now, "worker-a", default);
        await h.Store.MarkSentAsync(other.Reference, "0D5SB0000000001AAA", now, default);
        await h.Store.MarkSentAsync(alert.Reference, "0D5SB0000000001AAA", now, default);
        await h.Store.MarkFailedAsync(alert.Reference, "INVALID_INPUT", default); // a late refusal from another worker's post: sent stays sent
        var history = await h.Store.HistoryAsync([alert.CaseId], default);

        Assert.Equal((1, 0), (first, again));
        Assert.Equal([alert.Reference], claimed);
        Assert.Empty(lost);
        Assert.Equal((AlertState.Sending, 0), (sending.State, sending.Attempts)); // an attempt counts only when Salesforce refuses the post
        Assert.Equal(AlertState.Sending, stillSending);
        Assert.Equal((1, 0), postsWhileSending); // a claimed post counts from its claim, and only after the instant asked
        Assert.Equal(1, await h.Store.PostsSinceAsync(now.AddMinutes(-1), default));
        Assert.Empty(await h.Store.DueAsync(5, default).ToListAsync());
        Assert.Empty(await h.Store.UnconfirmedAsync(5, default));
        Assert.Equal((1, 1, 1, "sla-1"), (history.ByBreach[alert.BreachKey].Sent, history.ByBreach[alert.BreachKey].Level, history.ByBreach[alert.BreachKey].NextSequence,
            history.LastTemplateByCase[alert.CaseId]));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AlertsToPlan_ListsTheCasesWithAnAlertToPlanNow_AndTheNextReminder_AndHistoryIsReadForTheCasesAsked(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        var interval = TimeSpan.FromHours(1);
        async Task FindingAsync(string caseId, bool cleared = false) =>
            await h.Store.QueryAsync($"""
                INSERT INTO findings (breach_key, case_id, case_number, pack, rule_id, kind, severity, mentions, first_seen, last_seen, cleared_at)
                VALUES ('PIT-01|{caseId}|x', '{caseId}', '1', 'pit-stop', 'PIT-01', 'sla-breach', 'warning', '[]', '2026-03-02T00:00:00.0000000Z',
                        '2026-03-02T00:00:00.0000000Z', {(cleared ? "'2026-03-02T01:00:00.0000000Z'" : "NULL")})
                """, default);
        async Task<Alert> SentAsync(string caseId, DateTimeOffset at, int sequence = 0, string template = "sla-1")
        {
            var alert = new Alert(Alert.ReferenceFor($"PIT-01|{caseId}|x", sequence), $"PIT-01|{caseId}|x", caseId, "PIT-01", sequence, 1 + sequence,
                sequence == 0 ? AlertPurpose.Breach : AlertPurpose.Reminder, AlertState.Pending, "m", [], template, 0, at, null);
            await h.Store.EnqueueAsync([alert], default);
            await h.Store.MarkSentAsync(alert.Reference, "0D5" + caseId, at, default);
            return alert;
        }

        await FindingAsync("500A"); // never alerted
        await FindingAsync("500B"); // reminded twice, the last one 61 minutes ago: a reminder is due
        await SentAsync("500B", now.AddMinutes(-200));
        await SentAsync("500B", now.AddMinutes(-61), 1, "sla-2");
        await FindingAsync("500C"); // sent 20 minutes ago: the next reminder in 40 minutes
        await SentAsync("500C", now.AddMinutes(-20));
        await FindingAsync("500D"); // sent 10 minutes ago: due in 50 minutes, later than 500C's
        await SentAsync("500D", now.AddMinutes(-10));
        await FindingAsync("500E"); // due, but acknowledged
        await SentAsync("500E", now.AddMinutes(-90));
        await h.Store.AcknowledgeAsync("PIT-01|500E|x", "005X", now.AddMinutes(-80), default);
        await FindingAsync("500F", cleared: true); // cleared: nothing to plan
        await SentAsync("500F", now.AddMinutes(-300));
        await FindingAsync("500G"); // its reminder is in flight
        await SentAsync("500G", now.AddMinutes(-120));
        await h.Store.EnqueueAsync([new Alert(Alert.ReferenceFor("PIT-01|500G|x", 1), "PIT-01|500G|x", "500G", "PIT-01", 1, 1, AlertPurpose.Reminder, AlertState.Pending,
            "m", [], "sla-1", 0, now, null)], default);

        var (cases, next) = await h.Store.AlertsToPlanAsync(interval, now, default);
        var history = await h.Store.HistoryAsync(["500B", "500G"], default);

        Assert.Equal(["500A", "500B"], cases.Order(StringComparer.Ordinal));
        Assert.Equal(now.AddMinutes(40), next);
        Assert.Equal(["PIT-01|500B|x", "PIT-01|500G|x"], history.ByBreach.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new BreachHistory(2, 2, now.AddMinutes(-61), 2) { Kept = 2 }, history.ByBreach["PIT-01|500B|x"]);
        Assert.Equal((1, 2), (history.ByBreach["PIT-01|500G|x"].Sent, history.ByBreach["PIT-01|500G|x"].NextSequence));
        Assert.Equal("sla-2", history.LastTemplateByCase["500B"]); // the later of its two posts
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABreachThatComesBackAfterItsResolutionNote_IsANewInstance_ToldAgainFromItsFirstPost(string provider)
    {
        // Reproduced: a breach posted and acknowledged ("ok"), cleared with a note saying it was resolved, and come back, was
        // never told again (its "ok" stood), or was told as a reminder at the level of the earlier instance's posts.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var now = h.Salesforce.Time.GetUtcNow();
        const string caseId = "500SB0000000001YAA";
        var finding = new SfBridge.Rules.Finding
        {
            CaseId = caseId, CaseNumber = "00001234", Pack = "pitstop", RuleId = "PIT-03", Kind = SfBridge.Rules.FindingKind.NoAgentAvailable,
            Severity = SfBridge.Rules.Severity.Breach, DueAt = now, Mentions = [], Message = "m", Detail = "fila sem atendente", BreachKey = $"PIT-03|{caseId}|x", TemplateId = "sla-1",
        };
        var scope = new FindingsScope(new HashSet<string>([caseId], StringComparer.OrdinalIgnoreCase), new HashSet<string>(), false);
        async Task SweepAsync(params SfBridge.Rules.Finding[] findings) => await h.Store.CommitSweepAsync(findings, scope, now, _ => [], default);
        async Task SentAsync(int sequence, string purpose)
        {
            var alert = new Alert(Alert.ReferenceFor(finding.BreachKey, sequence), finding.BreachKey, caseId, "PIT-03", sequence, 1, purpose, AlertState.Pending, "m", [],
                "sla-1", 0, now, null);
            await h.Store.EnqueueAsync([alert], default);
            await h.Store.MarkSentAsync(alert.Reference, "0D5" + sequence, now, default);
        }

        await SweepAsync(finding);
        await SentAsync(0, AlertPurpose.Breach);
        var repliedTo = await h.Store.OpenPostsAsync(default);
        await h.Store.AcknowledgeAsync(finding.BreachKey, "005X", now, default);
        await SweepAsync(); // cleared, quietly: the same breach when it comes back, its "ok" standing
        await SweepAsync(finding);
        var quiet = (await h.Store.HistoryAsync([caseId], default)).ByBreach[finding.BreachKey];
        await SweepAsync(); // cleared, and a note says it was resolved
        await SentAsync(1, AlertPurpose.Resolution);
        // What the sweep that sees it hold again plans from, read before it commits: a new instance, nobody told of it yet.
        var returning = (await h.Store.HistoryAsync([caseId], default)).ByBreach[finding.BreachKey];
        await SweepAsync(finding);
        var told = (await h.Store.HistoryAsync([caseId], default)).ByBreach[finding.BreachKey];
        var (cases, _) = await h.Store.AlertsToPlanAsync(TimeSpan.FromHours(2), now, default);

        Assert.Equal((1, (int?)null, true), (quiet.Sent, quiet.RequeueSequence, quiet.AcknowledgedAt is not null));
        Assert.Equal((0, (int?)2, 2), (returning.Sent, returning.RequeueSequence, returning.NextSequence));
        Assert.Equal((0, (int?)2, false, 2), (told.Sent, told.RequeueSequence, told.AcknowledgedAt is not null, told.NextSequence));
        Assert.Contains(caseId, cases);
        // Replies are read on the posts of the breach as it stands: the earlier instance's post is no longer among them, so an
        // "ok" written under it does not acknowledge the instance that came back.
        Assert.Contains(repliedTo, p => p.FeedElementId == "0D50");
        Assert.DoesNotContain(await h.Store.OpenPostsAsync(default), p => p.FeedElementId == "0D50");
    }

    [Fact]
    public void DefaultDatabase_IsTheSameWhereverTheWorkerIsStartedFrom()
    {
        var path = SqliteStateStore.DefaultPath;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteStateStore.DefaultConnectionString);

        Assert.True(Path.IsPathRooted(path), path); // never relative to the working directory
        Assert.Equal(path, builder.DataSource);
        Assert.EndsWith(Path.Combine("sfbridge", "sfbridge.db"), path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobRuns_OlderThanTheRetention_AreForgottenAtEachCaseSync()
    {
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?> { ["State:RunsRetention"] = "7.00:00:00" });
        var now = h.Salesforce.Time.GetUtcNow();
        await h.Store.RecordRunAsync(new JobRun("sla-sweep", now.AddDays(-8), now.AddDays(-8), true, "ok", "worker-a", null), default);
        await h.Store.RecordRunAsync(new JobRun("sla-sweep", now.AddDays(-6), now.AddDays(-6), true, "ok", "worker-a", null), default);

        Assert.True(await h.Cycle.RunJobAsync(SfBridge.Sync.Cycle.CaseSync, default));

        var kept = await h.Store.QueryAsync("SELECT job, started_at FROM runs ORDER BY started_at", default);
        Assert.Equal(2, kept.Count); // the run of six days ago and the case sync itself
        Assert.Equal("case-sync", (string)kept[1][0]!);
    }
}
