using System.Diagnostics;
using SfBridge.Snapshots;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>Reads a generated Case.json as the audit does, in a loop for a set time, for a profiler (BenchmarkDotNet measures).</summary>
public static class SnapshotProfileLoop
{
    public static int Run(string[] args)
    {
        var count = LoopArgs.Number(args, 1, 20_000, "the number of cases");
        var seconds = LoopArgs.Number(args, 2, 20, "the seconds");
        var folder = Directory.CreateTempSubdirectory("sfbridge-profile-snapshot-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "Case.json"), CaseRecords.QueryResult(CaseRecords.Generate(count)));
            var watch = Stopwatch.StartNew();
            var read = 0L;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                foreach (var c in OrgSnapshot.Load(folder).ReadCases(Scenario.Policy.Fields))
                {
                    read += c.Case is null ? 0 : 1;
                }
            }

            Console.WriteLine($"{read / watch.Elapsed.TotalSeconds:N0} cases/s read on one thread");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
