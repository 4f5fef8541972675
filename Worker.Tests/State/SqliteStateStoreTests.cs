using SfBridge.Tests.Sync;

namespace SfBridge.Tests.State;

public sealed class SqliteStateStoreTests
{
    [Fact]
    public async Task Migrate_NewFile_ReachesTheLatestVersionInWalMode_AndIsIdempotent()
    {
        await using var h = await SyncHarness.StartAsync();

        await h.Store.MigrateAsync(default);

        Assert.Equal(SfBridge.State.SqliteSchema.Latest, await h.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(SfBridge.State.SqliteSchema.Latest, await h.ScalarAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal("wal", (string)(await h.Store.QueryAsync("PRAGMA journal_mode", default))[0][0]!);
    }

    [Fact]
    public async Task Watermark_IsNullUntilAPageIsStored()
    {
        await using var h = await SyncHarness.StartAsync();

        Assert.Null(await h.Store.GetWatermarkAsync("Case", default));
        h.Salesforce.SeedCases(3);
        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal(report.Watermark, await h.Store.GetWatermarkAsync("Case", default));
        Assert.Equal(Salesforce.SalesforceHarness.Start, report.Watermark);
    }
}
