using System.Diagnostics;
using System.Globalization;
using SfBridge.Rules;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>Judges generated cases on one thread for a set time, for a profiler (not a measurement: BenchmarkDotNet measures).</summary>
public static class EngineProfileLoop
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var now = Scenario.At(2026, 3, 4, 15);
        var (cases, org) = VariedCases.Generate(count, now);
        var engine = new PolicyEngine(Scenario.Policy);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var judged = 0L;
        while (watch.Elapsed.TotalSeconds < seconds)
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
