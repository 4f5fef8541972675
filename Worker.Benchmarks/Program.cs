using BenchmarkDotNet.Running;
using SfBridge.Benchmarks;

// scripts/bench-micro.sh [filter]: BenchmarkDotNet's own command line (--filter, --job, --list flat, ...).
// "profile-engine [cases] [seconds | passes N] [one | each BATCH | halves]" judges generated cases in a loop, for a profiler to attach to
// (dotnet-trace collect -- dotnet Worker.Benchmarks.dll profile-engine).
try
{
    if (args is ["profile-engine", ..])
    {
        return EngineProfileLoop.Run(args);
    }

    // "profile-snapshot [cases] [seconds]" reads a generated Case.json as the audit does, in a loop, for a profiler.
    if (args is ["profile-snapshot", ..])
    {
        return SnapshotProfileLoop.Run(args);
    }

    // "profile-sweep [rounds] [sqlite | postgres]" sweeps 100,000 stored cases with 1% changed, one sweep at a time.
    if (args is ["profile-sweep", ..])
    {
        return await SweepProfileLoop.RunAsync(args);
    }

    // "rule-costs [cases]" prints what each rule costs per case, each rule judged alone (a guide, not a measurement).
    if (args is ["rule-costs", ..])
    {
        return RuleCosts.Run(args);
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// "audit-snapshot N OUTDIR [--seed S]" writes a snapshot folder of N generated cases for timing the audit command.
if (args is ["audit-snapshot", ..])
{
    return AuditSnapshot.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args.Where(a => a != "--in-process").ToArray(), BenchConfig.Create(args));
return 0;
