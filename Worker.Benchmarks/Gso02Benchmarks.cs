using BenchmarkDotNet.Attributes;
using SfBridge.Rules;
using SfBridge.Rules.Gso;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// GSO-02 alone (reading the escalation comments) over 50,000 GSO cases, one thread: every comment distinct, as in a
/// real org, against every case carrying the same comment text (what a generator of copies measures).
/// </summary>
[MemoryDiagnoser]
public class Gso02Benchmarks
{
    private const int Count = 50_000;
    private readonly DateTimeOffset _now = Scenario.At(2026, 3, 4, 15);
    private PolicyEngine _engine = null!;
    private List<CaseSnapshot> _distinct = [];
    private List<CaseSnapshot> _same = [];
    private OrgContext _org = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (cases, org) = VariedCases.Generate(Count * 5, _now);
        _org = org;
        _distinct = cases.Where(c => c.RecordType == "GSO").ToList();
        var comment = Cases.Gso().Comments;
        _same = _distinct.Select(c => c with { Comments = comment }).ToList();
        _engine = new PolicyEngine(Scenario.Policy, [new EscalationDetailsRule()]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int SameComment() => Run(_same);

    [Benchmark(OperationsPerInvoke = Count)]
    public int DistinctComments() => Run(_distinct);

    private int Run(List<CaseSnapshot> cases)
    {
        var findings = 0;
        foreach (var c in cases)
        {
            findings += _engine.Evaluate(c, _org, _now).Count;
        }

        return findings;
    }
}
