using System.Diagnostics;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Benchmarks;

/// <summary>
/// What each rule costs: the generated cases judged with every rule on, with none, and with each rule alone (a copy of
/// mappings/ with the others switched off in rules.csv), best of three passes on one thread, microseconds per case over
/// all cases (a rule of one pack runs on about a fifth of them). A rule alone also pays for what the rules share (the
/// case's journey and activity, built when a rule first asks), so the figures add up to more than all rules together.
/// Not a BenchmarkDotNet measurement: a guide to where the engine's time goes.
/// </summary>
public static class RuleCosts
{
    public static int Run(string[] args)
    {
        var count = LoopArgs.Number(args, 1, 20_000, "the number of cases");
        var now = Scenario.At(2026, 3, 4, 15);
        var (cases, org) = VariedCases.Generate(count, now);
        var all = Scenario.Policy;
        Console.WriteLine($"{count:N0} generated cases, one thread, per case: microseconds (best of three passes) and bytes allocated");
        Print("all rules", Cost(all, cases, org, now));
        Print("no rule", Cost(Only(null), cases, org, now));
        var costs = all.Rules.Keys.Select(id => (Id: id, Cost: Cost(Only(id), cases, org, now))).OrderByDescending(r => r.Cost.Micros).ToList();
        foreach (var (id, cost) in costs)
        {
            Print(id, cost);
        }

        return 0;
    }

    /// <summary>The shipped mappings with every rule but <paramref name="id"/> switched off (all of them when null).</summary>
    private static Policy Only(string? id)
    {
        var folder = MappingsCopy.With("rules.csv", text => string.Join('\n', text.Split('\n').Select(line =>
            line.StartsWith('#') || !line.Contains(",yes,", StringComparison.Ordinal) || (id is not null && line.StartsWith(id + ",", StringComparison.Ordinal))
                ? line
                : line.Replace(",yes,", ",no,", StringComparison.Ordinal))));
        try
        {
            return MappingLoader.Load(folder).Policy ?? throw new InvalidOperationException("the mappings with one rule on do not load");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Print(string what, (double Micros, double Bytes) cost) => Console.WriteLine($"{what,-12} {cost.Micros,8:N2} {cost.Bytes,10:N0}");

    private static (double Micros, double Bytes) Cost(Policy policy, List<CaseSnapshot> cases, OrgContext org, DateTimeOffset now)
    {
        var engine = new PolicyEngine(policy);
        foreach (var c in cases.Take(1_000))
        {
            engine.Judge(c, org, now);
        }

        var best = double.MaxValue;
        var bytes = 0.0;
        for (var pass = 0; pass < 3; pass++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            foreach (var c in cases)
            {
                engine.Judge(c, org, now);
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / cases.Count);
            bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / cases.Count;
        }

        return (best, bytes);
    }
}
