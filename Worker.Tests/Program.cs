using SfBridge.Tests.Benchmarks;
using SfBridge.Tests.Emulators;

namespace SfBridge.Tests;

/// <summary>
/// The test assembly doubles as a host for tools that reuse test infrastructure: <c>emulator</c> (the standalone
/// Salesforce emulator, scripts/emulator.sh), <c>rehearse-alerts</c> (scripts/rehearse-alerts.sh), <c>generate-org</c>
/// and <c>bench-cycle</c> (scripts/bench-cycle.sh). Test runners never call this.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "rehearse-alerts" => AlertRehearsal.RunAsync(args),
        "generate-org" => Task.FromResult(OrgGenerator.Run(args)),
        "bench-cycle" => CycleBenchmark.RunAsync(args),
        _ => EmulatorCommand.RunAsync(args),
    };
}
