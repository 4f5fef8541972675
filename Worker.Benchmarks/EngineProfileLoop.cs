using System.Diagnostics;
using SfBridge.Rules;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// Judges generated cases in a loop for a set time, or a set number of passes ("profile-engine 20000 passes 10", the same
/// work every run, for a count of instructions), for a profiler (not a measurement: BenchmarkDotNet measures). By default
/// on one thread; "profile-engine 100000 15 each 2000" judges on every core with <see cref="PolicyEngine.JudgeEach"/> in
/// batches of 2,000 (as the audit does; the sweep's are 500), and "... halves" on two threads each over its half of the
/// cases, keeping no judgement: the ceiling of the cores when nothing is held. Prints cases per second and the share of the
/// time the process stood still for the garbage collector.
/// </summary>
public static class EngineProfileLoop
{
    public static int Run(string[] args)
    {
        var count = LoopArgs.Number(args, 1, 20_000, "the number of cases");
        var byPasses = args.Length > 2 && args[2] == "passes";
        var seconds = byPasses ? int.MaxValue : LoopArgs.Number(args, 2, 20, "the seconds");
        var passes = byPasses ? LoopArgs.Number(args, 3, 10, "the number of passes") : int.MaxValue;
        var at = byPasses ? 4 : 3; // the mode follows the seconds, or the passes
        var mode = args.Length > at ? args[at] : "one";
        var batch = mode == "each" ? Math.Max(1, LoopArgs.Number(args, at + 1, 2_000, "the batch size")) : 0;
        if (mode is not ("one" or "each" or "halves"))
        {
            throw new UsageException($"{args[0]}: the mode must be one, each [batch] or halves, not \"{mode}\"");
        }

        var now = Scenario.At(2026, 3, 4, 15);
        var (cases, org) = VariedCases.Generate(count, now);
        var engine = new PolicyEngine(Scenario.Policy);
        var halves = new[] { cases[..(count / 2)], cases[(count / 2)..] };
        void OneThread(List<CaseSnapshot> some)
        {
            foreach (var c in some)
            {
                engine.Evaluate(c, org, now);
            }
        }

        void Pass()
        {
            switch (mode)
            {
                case "each":
                    foreach (var chunk in cases.Chunk(batch))
                    {
                        engine.JudgeEach(chunk, org, now, (_, _) => { });
                    }

                    break;
                case "halves":
                    Parallel.Invoke(() => OneThread(halves[0]), () => OneThread(halves[1]));
                    break;
                default:
                    OneThread(cases);
                    break;
            }
        }

        // Two passes first, not counted: the JIT compiles and optimises the hot paths while they run.
        Pass();
        Pass();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var judged = 0L;
        for (var pass = 0; pass < passes && watch.Elapsed.TotalSeconds < seconds; pass++)
        {
            Pass();
            judged += cases.Count;
        }

        // CPU time as well: on a shared machine the wall clock also counts the time other processes had the core.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var pause = (GC.GetTotalPauseDuration() - paused).TotalSeconds / watch.Elapsed.TotalSeconds;
        var how = mode switch { "each" => $"on every core, JudgeEach in batches of {batch:N0}", "halves" => "on two threads, nothing kept", _ => "on one thread" };
        Console.WriteLine($"{judged / watch.Elapsed.TotalSeconds:N0} cases/s {how} (wall clock), {judged / cpuSeconds:N0} cases per CPU-second, " +
                          $"{pause:P0} of the time paused for the garbage collector");
        return 0;
    }
}
