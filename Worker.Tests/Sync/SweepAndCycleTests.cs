using SfBridge.Sync;
using System.Text.Json.Nodes;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Sync;

public sealed class SweepAndCycleTests
{
    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task UntouchedCase_CrossesItsSlaBetweenSweeps_AndIsReportedOnce(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "2 Horas";
        });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var syncCalls = h.Emulator.Requests.ApiCalls;

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(119));
        var before = await h.Sweep.RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(2));
        var after = await h.Sweep.RunAsync(default);
        var again = await h.Sweep.RunAsync(default);

        Assert.DoesNotContain(before.Findings, f => f.Kind == FindingKind.SlaBreach);
        var breach = Assert.Single(after.Ledger.Opened, f => f.RuleId == "PIT-01");
        Assert.Equal(FindingKind.SlaBreach, breach.Kind);
        Assert.Equal(Salesforce.SalesforceHarness.Start.AddHours(2), breach.DueAt);
        Assert.DoesNotContain(again.Ledger.Opened, f => f.RuleId == "PIT-01"); // one alert per breach instance
        Assert.Equal(syncCalls, h.Emulator.Requests.ApiCalls); // sweeps read the state store, not Salesforce
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task BreachThatNoLongerHolds_IsClearedInTheLedger(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var id = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["OwnerId"] = null;
            c["Nivel_SLA__c"] = "IS";
        })[0];
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        var breached = await h.Sweep.RunAsync(default);
        h.Emulator.Org.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = SalesforceDateTime.FormatRest(h.Salesforce.Time.GetUtcNow()) });

        await h.CaseSync.RunAsync(default);
        var cleared = await h.Sweep.RunAsync(default);

        Assert.Contains(breached.Ledger.Opened, f => f.RuleId == "PIT-01");
        Assert.Contains(cleared.Ledger.ClearedKeys, k => k.StartsWith("PIT-01|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OmniChannelSync_CostsTheSameFewCallsForTenOrThousandsOfCases()
    {
        await using var small = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg });
        await using var large = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg });
        large.Salesforce.SeedCases(3_000, (i, c) => c["AccountId"] = "001SB0000000001YAA");
        await small.CaseSync.RunAsync(default);
        await large.CaseSync.RunAsync(default);
        small.Emulator.Requests.Clear();
        large.Emulator.Requests.Clear();

        await small.OmniSync.RunAsync(default);
        await large.OmniSync.RunAsync(default);

        Assert.Equal(9, small.Emulator.Requests.ApiCalls); // 8 objects + 1 account query
        Assert.Equal(9, large.Emulator.Requests.ApiCalls);
        Assert.Equal(2, (await large.Store.LoadOrgRecordsAsync("PendingServiceRouting", default)).Count);
    }

    [Fact]
    public async Task Cycle_SalesforceOutOfApiCalls_FailsTheRunAndRecordsIt()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "query"));

        var ok = await h.Cycle.RunOnceAsync(default);

        Assert.False(ok);
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'case-sync' AND ok = 0 AND detail = 'REQUEST_LIMIT_EXCEEDED'"));
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'sla-sweep' AND ok = 1")); // one failed job does not stop the others
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task JobBoundary_StateDatabaseFailing_ReportsTheRunFailedInsteadOfThrowing(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        await h.Store.QueryAsync("DROP TABLE runs", default); // recording the run will fail in this engine's own way

        var ok = await h.Cycle.RunJobAsync(Cycle.OmniChannelSync, default);

        Assert.False(ok);
        Assert.Contains(h.Salesforce.Logs.WithEventName("JobFailed"), e => e.Properties["ErrorCode"].ToString() == "\"STATE_UNAVAILABLE\"");
    }
}

