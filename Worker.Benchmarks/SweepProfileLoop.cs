using System.Diagnostics;

namespace SfBridge.Benchmarks;

/// <summary>
/// Runs the sweep benchmark's setup (100,000 stored cases and a first full sweep) and then a number of sweeps with 1% of the
/// cases changed before each, printing each one's wall time: for a profiler, or a database's statement log, to watch one
/// sweep at a time (not a measurement: BenchmarkDotNet measures). "profile-sweep [rounds] [sqlite | postgres]"; PostgreSQL
/// needs SFBRIDGE_TEST_POSTGRES, as the benchmark does.
/// </summary>
public static class SweepProfileLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = LoopArgs.Number(args, 1, 5, "the number of sweeps");
        var provider = args.Length > 2 ? args[2] : "sqlite";
        SweepBenchmarks bench = provider switch
        {
            "sqlite" => new SqliteSweepBenchmarks(),
            "postgres" => new PostgresSweepBenchmarks(),
            _ => throw new UsageException($"{args[0]}: the store must be sqlite or postgres, not \"{provider}\""),
        };
        await bench.SetupAsync();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                bench.ChangeOnePercent();
                var watch = Stopwatch.StartNew();
                await bench.OnePercentChanged();
                Console.WriteLine($"sweep {round}: 1% changed, {watch.ElapsedMilliseconds:N0} ms on {provider}");
            }
        }
        finally
        {
            await bench.CleanupAsync();
        }

        return 0;
    }
}
