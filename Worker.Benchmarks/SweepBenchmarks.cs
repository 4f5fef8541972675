using BenchmarkDotNet.Attributes;
using SfBridge.State;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Sync;

namespace SfBridge.Benchmarks;

/// <summary>
/// One SLA sweep (SlaSweepService.RunAsync, built by the worker's own DI registration through the sync harness) over
/// 100,000 tracked cases stored through IStateStore.ApplyCasePageAsync, after a first full sweep: with nothing changed,
/// and with 1% of the cases changed since the sweep before. One sweep per iteration. SQLite file and PostgreSQL
/// (SFBRIDGE_TEST_POSTGRES, as the tests; scripts/bench-micro.sh starts one).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(0)]
[IterationCount(3)]
public abstract class SweepBenchmarks
{
    private const int Count = 100_000;
    private const int PageSize = 2_000;
    private SyncHarness _harness = null!;
    private List<System.Text.Json.Nodes.JsonObject> _records = [];
    private int _round;

    protected abstract string Provider { get; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        if (Provider == "postgres" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SFBRIDGE_TEST_POSTGRES")))
        {
            throw new InvalidOperationException("SFBRIDGE_TEST_POSTGRES is not set: start PostgreSQL with scripts/pg-up.sh (scripts/bench-micro.sh does)");
        }

        _harness = await SyncHarness.StartAsync(provider: Provider);
        // After every record of the sample org (the copies keep its dates, 2 and 3 March 2026).
        _harness.Salesforce.Time.Advance(Scenario.At(2026, 3, 4, 15) - _harness.Salesforce.Time.GetUtcNow());
        _records = CaseRecords.Generate(Count);
        var now = _harness.Salesforce.Time.GetUtcNow();
        for (var from = 0; from < _records.Count; from += PageSize)
        {
            var page = _records.Skip(from).Take(PageSize).Select(r => new CaseUpsert(r["Id"]!.GetValue<string>(), now, CaseRecords.Touched(r, now).ToJsonString())).ToList();
            await _harness.Store.ApplyCasePageAsync(new CasePage(page, [], [], now), default);
        }

        // The test server runs without autovacuum (scripts/pg-up.sh); a production server analyses tables as they fill, so the
        // planner knows the 100,000 rows just written rather than guessing from empty tables.
        if (Provider == "postgres")
        {
            await _harness.Store.QueryAsync("ANALYZE", default);
        }

        // As a case sync that read them all would leave it: the sweep waits for a finished case sync, and reads a case again
        // from Salesforce before alerting a finding that arose after the last one started.
        await _harness.Store.SetWatermarkAsync(SfBridge.Sync.CaseSyncService.SyncedMark, now, default);
        // The first sweep of a process judges every case; one that judged fewer would make every figure below a no-op's.
        var first = await _harness.Sweep.RunAsync(default);
        if (first.Judged != Count)
        {
            throw new InvalidOperationException($"the first sweep judged {first.Judged} of {Count} stored cases: the benchmark would time an empty sweep");
        }

        // The first sweep wrote a finding and an alert for most cases: a production server's autovacuum analyses tables
        // that grew this much within its next round (a minute by default), before the sweeps timed below.
        if (Provider == "postgres")
        {
            await _harness.Store.QueryAsync("ANALYZE", default);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _harness.DisposeAsync();

    [IterationSetup(Target = nameof(OnePercentChanged))]
    public void ChangeOnePercent()
    {
        // A minute later, 1% of the cases (a different 1% each time) come back from Salesforce with a new modstamp.
        _round++;
        _harness.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var now = _harness.Salesforce.Time.GetUtcNow();
        var page = Enumerable.Range(0, Count / 100).Select(k => _records[((_round * 7_919) + (k * 100)) % Count])
            .Select(r => new CaseUpsert(r["Id"]!.GetValue<string>(), now, CaseRecords.Touched(r, now).ToJsonString())).ToList();
        _harness.Store.ApplyCasePageAsync(new CasePage(page, [], [], now), default).GetAwaiter().GetResult();
        _harness.Store.SetWatermarkAsync(SfBridge.Sync.CaseSyncService.SyncedMark, now, default).GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(NothingChanged))]
    public void MinuteLater()
    {
        // A minute later, after the minute's case sync, which found nothing changed.
        _harness.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        _harness.Store.SetWatermarkAsync(SfBridge.Sync.CaseSyncService.SyncedMark, _harness.Salesforce.Time.GetUtcNow(), default).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task NothingChanged() => _harness.Sweep.RunAsync(default);

    [Benchmark]
    public Task OnePercentChanged() => _harness.Sweep.RunAsync(default);
}

/// <summary>The sweep on a SQLite file, the single-instance default.</summary>
public class SqliteSweepBenchmarks : SweepBenchmarks
{
    protected override string Provider => "sqlite";
}

/// <summary>The sweep on PostgreSQL, the multi-instance store.</summary>
public class PostgresSweepBenchmarks : SweepBenchmarks
{
    protected override string Provider => "postgres";
}
