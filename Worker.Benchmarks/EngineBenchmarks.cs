using BenchmarkDotNet.Attributes;
using SfBridge.Rules;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// Policy evaluation, all five packs, over generated cases with distinct Portuguese comments and e-mails: on one thread
/// (Evaluate case by case) and on every core (JudgeEach over batches of 2,000, as the audit calls it), each finding with its
/// template chosen and its message written only when read, as the sweep does (it posts a few); and on every core with
/// every finding's message written, as the audit does (it prints them all). Reported per case (OperationsPerInvoke);
/// 100,000 against 1,000,000 shows whether it stays linear.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly DateTimeOffset _now = Scenario.At(2026, 3, 4, 15);
    private PolicyEngine _engine = null!;
    private List<CaseSnapshot> _cases = [];
    private OrgContext _org = null!;

    [GlobalSetup(Targets = [nameof(OneThread_100k), nameof(AllCores_100k), nameof(AllCores_EveryMessage_100k)])]
    public void Setup100k() => Setup(100_000);

    [GlobalSetup(Targets = [nameof(OneThread_1M), nameof(AllCores_1M)])]
    public void Setup1M() => Setup(1_000_000);

    [GlobalCleanup]
    public void Cleanup() => _cases = [];

    private void Setup(int count)
    {
        (_cases, _org) = VariedCases.Generate(count, _now);
        _engine = new PolicyEngine(Scenario.Policy);
    }

    [Benchmark(OperationsPerInvoke = 100_000)]
    public long OneThread_100k() => OneThread();

    [Benchmark(OperationsPerInvoke = 100_000)]
    public long AllCores_100k() => AllCores();

    [Benchmark(OperationsPerInvoke = 100_000)]
    public long AllCores_EveryMessage_100k() => AllCores(everyMessage: true);

    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public long OneThread_1M() => OneThread();

    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public long AllCores_1M() => AllCores();

    private long OneThread()
    {
        var findings = 0L;
        foreach (var c in _cases)
        {
            findings += _engine.Evaluate(c, _org, _now).Count;
        }

        return findings;
    }

    /// <summary>
    /// In batches of 2,000 cases, as the audit judges them (the sweep's are 500): a batch's judgements are let go before
    /// the next, as in production, instead of holding 100,000 judgements for the collector to promote.
    /// </summary>
    private long AllCores(bool everyMessage = false)
    {
        var total = 0L;
        foreach (var batch in _cases.Chunk(2_000))
        {
            foreach (var j in _engine.JudgeEach(batch, _org, _now, (_, _) => { }))
            {
                foreach (var f in j.Findings)
                {
                    total += everyMessage ? f.Message.Length : 1;
                }
            }
        }

        return total;
    }
}
