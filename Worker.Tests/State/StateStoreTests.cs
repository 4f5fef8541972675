using SfBridge.Alerts;
using SfBridge.State;
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
    public async Task Sqlite_UsesTheWalJournal()
    {
        await using var h = await SyncHarness.StartAsync();

        Assert.Equal("wal", (string)(await h.Store.QueryAsync("PRAGMA journal_mode", default))[0][0]!);
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
        var sending = Assert.Single(await h.Store.DueAsync(5, default));
        await h.Store.ReleaseAsync([alert.Reference], "worker-b", default); // not worker-b's claim: left alone
        var stillSending = Assert.Single(await h.Store.DueAsync(5, default)).State;
        await h.Store.MarkSentAsync(alert.Reference, "0D5SB0000000001AAA", now, default);
        await h.Store.MarkFailedAsync(alert.Reference, "INVALID_INPUT", default); // a late refusal from another worker's post: sent stays sent
        var history = await h.Store.HistoryAsync(default);

        Assert.Equal((1, 0), (first, again));
        Assert.Equal([alert.Reference], claimed);
        Assert.Empty(lost);
        Assert.Equal((AlertState.Sending, 0), (sending.State, sending.Attempts)); // an attempt counts only when Salesforce refuses the post
        Assert.Equal(AlertState.Sending, stillSending);
        Assert.Empty(await h.Store.DueAsync(5, default));
        Assert.Equal((1, 1, 1, "sla-1"), (history.ByBreach[alert.BreachKey].Sent, history.ByBreach[alert.BreachKey].Level, history.ByBreach[alert.BreachKey].NextSequence,
            history.LastTemplateByCase[alert.CaseId]));
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
