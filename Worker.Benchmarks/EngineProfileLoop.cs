using System.Diagnostics;
using SfBridge.Rules;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// Judges generated cases on one thread for a set time, or a set number of passes ("profile-engine 20000 passes 10",
/// the same work every run, for a count of instructions), for a profiler (not a measurement: BenchmarkDotNet measures).
/// </summary>
public static class EngineProfileLoop
{
    public static int Run(string[] args)
    {
        var count = LoopArgs.Number(args, 1, 20_000, "the number of cases");
        var byPasses = args.Length > 2 && args[2] == "passes";
        var seconds = byPasses ? int.MaxValue : LoopArgs.Number(args, 2, 20, "the seconds");
        var passes = byPasses ? LoopArgs.Number(args, 3, 10, "the number of passes") : int.MaxValue;
        var now = Scenario.At(2026, 3, 4, 15);
        var (cases, org) = VariedCases.Generate(count, now);
        var engine = new PolicyEngine(Scenario.Policy);
        // Two passes first, not counted: the JIT compiles and optimises the hot paths while they run.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var c in cases)
            {
                engine.Evaluate(c, org, now);
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var judged = 0L;
        for (var pass = 0; pass < passes && watch.Elapsed.TotalSeconds < seconds; pass++)
        {
            foreach (var c in cases)
            {
                engine.Evaluate(c, org, now);
            }

            judged += cases.Count;
        }

        // CPU time as well: on a shared machine the wall clock also counts the time other processes had the core.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{judged / watch.Elapsed.TotalSeconds:N0} cases/s on one thread (wall clock), {judged / cpuSeconds:N0} cases per CPU-second");
        return 0;
    }
}
