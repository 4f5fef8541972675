using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SfBridge.Gar;
using SfBridge.Hosting.Health;
using SfBridge.Salesforce;
using SfBridge.State;
using SfBridge.Sync;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Hosting;

/// <summary>Each readiness check on real parts (emulators, SQLite and PostgreSQL), and the report cache, on a fake clock.</summary>
public sealed class HealthChecksTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero); // a Friday

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Cache_ProbesWithinCacheDuration_ShareOneEvaluation()
    {
        var time = new FakeTimeProvider(Start);
        var evaluations = 0;
        using var services = new ServiceCollection().AddLogging().AddHealthChecks()
            .AddCheck("counted", () => { Interlocked.Increment(ref evaluations); return HealthCheckResult.Healthy(); }, tags: [HealthReportCache.Ready])
            .Services.BuildServiceProvider();
        var cache = new HealthReportCache(services.GetRequiredService<HealthCheckService>(), Options.Create(new HealthOptions { CacheDuration = TimeSpan.FromSeconds(5) }), time);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cache.GetAsync(HealthReportCache.Ready, default)));
        time.Advance(TimeSpan.FromSeconds(4));
        await cache.GetAsync(HealthReportCache.Ready, default);
        var withinPeriod = evaluations;
        time.Advance(TimeSpan.FromSeconds(1));
        var report = await cache.GetAsync(HealthReportCache.Ready, default);
        var live = await cache.GetAsync(HealthReportCache.Live, default);

        Assert.Equal(1, withinPeriod);
        Assert.Equal(2, evaluations);
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Empty(live.Entries); // a tag evaluates only its own checks
    }

    [Fact]
    public async Task Cycle_JobWithoutSuccessForMissedRuns_IsUnhealthyNamingIt()
    {
        var time = new FakeTimeProvider(Start);
        var history = new JobHistory(time);
        var check = new CycleHealthCheck(history, Options.Create(new JobsOptions()), Options.Create(new HealthOptions()), Options.Create(new SfBridge.Cluster.ClusterOptions()), null!, time);
        foreach (var job in new[] { Cycle.CaseSync, Cycle.OmniChannelSync, Cycle.GarAudit, Cycle.SlaSweep, Cycle.AlertDispatch })
        {
            history.Record(job, succeeded: true, time.GetUtcNow());
        }

        time.Advance(TimeSpan.FromMinutes(2));
        history.Record(Cycle.CaseSync, succeeded: false, time.GetUtcNow());
        foreach (var job in new[] { Cycle.OmniChannelSync, Cycle.SlaSweep, Cycle.AlertDispatch })
        {
            history.Record(job, succeeded: true, time.GetUtcNow());
        }

        var twoMissed = await CheckAsync(check);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var threeMissed = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, twoMissed.Status);
        Assert.Equal(HealthStatus.Unhealthy, threeMissed.Status);
        Assert.Equal("case-sync has not succeeded since 2026-03-06T12:00:00Z (3 runs missed)", threeMissed.Description);
    }

    [Fact]
    public async Task Cycle_NoSuccessSinceTheStart_CountsFromTheStart()
    {
        var time = new FakeTimeProvider(Start);
        var history = new JobHistory(time);
        var check = new CycleHealthCheck(history, Options.Create(new JobsOptions()), Options.Create(new HealthOptions { MissedRuns = 2 }), Options.Create(new SfBridge.Cluster.ClusterOptions()), null!, time);

        time.Advance(TimeSpan.FromMinutes(2));
        var justStarted = await CheckAsync(check);
        time.Advance(TimeSpan.FromSeconds(1));
        var stale = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, justStarted.Status);
        Assert.Equal(HealthStatus.Unhealthy, stale.Status);
        Assert.StartsWith("case-sync has not succeeded since the start; omni-channel-sync", stale.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("gar-audit", stale.Description, StringComparison.Ordinal); // every 5 minutes: not due twice yet
    }

    [Fact]
    public async Task Cycle_OnACluster_AJobTheOtherWorkerRan_CountsAsSucceeded()
    {
        var time = new FakeTimeProvider(Start);
        var folder = Directory.CreateTempSubdirectory("sfbridge-health-").FullName;
        try
        {
            using var store = new SfBridge.State.SqliteStateStore(Options.Create(new SfBridge.State.StateOptions { ConnectionString = $"Data Source={Path.Combine(folder, "s.db")}" }), time);
            await store.MigrateAsync(default);
            var history = new JobHistory(time); // this worker ran nothing: the other one took every fire
            var clustered = new CycleHealthCheck(history, Options.Create(new JobsOptions()), Options.Create(new HealthOptions { MissedRuns = 2 }),
                Options.Create(new SfBridge.Cluster.ClusterOptions { Enabled = true }), store, time);
            time.Advance(TimeSpan.FromMinutes(4));
            foreach (var job in new[] { Cycle.CaseSync, Cycle.OmniChannelSync, Cycle.GarAudit, Cycle.SlaSweep, Cycle.AlertDispatch })
            {
                await store.RecordRunAsync(new SfBridge.State.JobRun(job, time.GetUtcNow(), time.GetUtcNow(), true, "ok", "worker-b", "fire-" + job), default);
            }

            time.Advance(TimeSpan.FromMinutes(1));
            var report = await CheckAsync(clustered);

            Assert.Equal(HealthStatus.Healthy, report.Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Deadline_WeekdayCron_CountsScheduledRunsNotHours()
    {
        var weekdays = new JobSchedule { Cron = "0 0 9 ? * MON-FRI" };

        var deadline = weekdays.Deadline(Start, runs: 3)!.Value; // after Friday noon: Monday, Tuesday, Wednesday 09:00

        Assert.True(deadline > new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); // not stale over the weekend
        Assert.True(deadline < new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.Zero), deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Start.AddMinutes(15), new JobSchedule { Interval = TimeSpan.FromMinutes(5) }.Deadline(Start, runs: 3));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task State_StoreRefusingWrites_IsUnhealthyAndAWritableOneHealthy(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var connection = h.Salesforce.Services.GetRequiredService<IOptions<StateOptions>>().Value.ConnectionString!;
        // The same database, opened read-only: SQLite's own read-only mode, PostgreSQL's read-only transactions.
        var readOnly = provider == "sqlite" ? connection + ";Mode=ReadOnly" : connection + ";Options=-c default_transaction_read_only=on";
        var options = Options.Create(new StateOptions { Provider = provider, ConnectionString = readOnly });
        AdoStateStore refusing = provider == "sqlite" ? new SqliteStateStore(options, TimeProvider.System) : new PostgresStateStore(options, TimeProvider.System);

        var writable = await CheckAsync(new StateHealthCheck(h.Store));
        var refused = await CheckAsync(new StateHealthCheck(refusing));

        Assert.Equal(HealthStatus.Healthy, writable.Status);
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);
        Assert.Contains(provider == "sqlite" ? "readonly database" : "read-only transaction", refused.Description, StringComparison.Ordinal);
        Assert.StartsWith("cannot write: ", refused.Description, StringComparison.Ordinal);
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM schema_version WHERE version = 1")); // the probe changed nothing
    }

    [Fact]
    public async Task ApiBudget_UnderTheFloor_IsUnhealthy_AndAboveItHealthy()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { DailyApiMax = 10_000, DailyApiUsed = 3_000 },
            settings: new Dictionary<string, string?> { ["Salesforce:ApiCallFloor"] = "5000" });
        var check = new ApiBudgetHealthCheck(h.Usage, h.Services.GetRequiredService<IOptionsMonitor<SalesforceOptions>>());
        var before = await CheckAsync(check);

        await h.Client.GetLimitsAsync(default);
        var above = await CheckAsync(check);
        h.Emulator.ApiUsed = 6_000;
        await h.Client.GetLimitsAsync(default);
        var under = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal("not reported yet", before.Description);
        Assert.Equal(HealthStatus.Healthy, above.Status);
        Assert.Equal(HealthStatus.Unhealthy, under.Status);
        Assert.Equal("3999 of 10000 daily calls left, floor 5000: calls paused", under.Description);
    }

    [Fact]
    public async Task Salesforce_TokenRefused_IsUnhealthyWithTheErrorCodeAndNoSecret()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer, emulator: o => o with { JwtUsernames = new HashSet<string> { "outro@sfbridge.example" } });
        var check = new SalesforceHealthCheck(h.Services.GetRequiredService<SalesforceTokenProvider>(), h.Usage);
        var before = await CheckAsync(check);

        await Assert.ThrowsAnyAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));
        var refused = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal("no session yet", before.Description);
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);
        Assert.Equal("token request failed at 2026-03-02T12:00:00Z: invalid_grant", refused.Description);
        Assert.Equal(0, h.Emulator.Requests.Count("limits")); // the check itself never calls Salesforce
    }

    [Fact]
    public async Task Gar_Down_IsDegradedNotUnhealthy_AndEveryAttemptIsCounted()
    {
        await using var gar = await Emulators.Gar.GarEmulator.StartAsync();
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Gar:BaseUrl"] = gar.BaseUrl, ["Gar:Resilience:BaseDelay"] = "00:00:00", ["Gar:Resilience:MaxRetries"] = "2",
        });
        var log = h.Salesforce.Services.GetRequiredService<GarCallLog>();
        var check = new GarHealthCheck(h.Salesforce.Services.GetRequiredService<IOptions<GarOptions>>(), log);
        var client = h.Salesforce.Services.GetRequiredService<GarClient>();
        var before = await CheckAsync(check);

        gar.Add("48377001", "EMITIDO");
        await client.GetOrderAsync("48377001", TimeZoneInfo.Utc, default);
        var answering = await CheckAsync(check);
        gar.Down = true;
        await Assert.ThrowsAsync<GarUnavailableException>(() => client.GetOrderAsync("48377001", TimeZoneInfo.Utc, default));
        var down = await CheckAsync(check);

        Assert.Equal("no lookup yet", before.Description);
        Assert.Equal(HealthStatus.Healthy, answering.Status);
        Assert.Equal(HealthStatus.Degraded, down.Status);
        Assert.StartsWith("GAR did not answer: last lookup 503 at ", down.Description, StringComparison.Ordinal);
        Assert.Equal(4, gar.Requests.Count); // one lookup, then one with two retries: each attempt reached the call log
        Assert.Equal("503", log.LastCall!.Status);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5380", "Health:Url must be plain http")]
    [InlineData("http://127.0.0.1", "Health:Url must be http://host:port with an explicit port")]
    [InlineData("http://127.0.0.1:5380/health", "Health:Url must not have a path")]
    [InlineData("127.0.0.1:5380:x", "Health:Url must be http://host:port")]
    public void Validator_BadUrl_NamesTheKeyAndTheValue(string url, string expected)
    {
        var result = new HealthOptionsValidator().Validate(null, new HealthOptions { Url = url });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.Contains($"not '{url}'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:5380")]
    [InlineData("http://0.0.0.0:5380")]
    [InlineData("http://*:5380")]
    [InlineData("http://localhost:5380/")]
    public void Validator_GoodUrlOrEmpty_Passes(string url) =>
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions { Url = url }).Succeeded);

    [Fact]
    public void Validator_BadNumbers_AreEachReported()
    {
        var result = new HealthOptionsValidator().Validate(null, new HealthOptions { MissedRuns = 0, CacheDuration = TimeSpan.FromSeconds(-1), CheckTimeout = TimeSpan.Zero });

        Assert.Equal(3, result.Failures!.Count());
    }
}
