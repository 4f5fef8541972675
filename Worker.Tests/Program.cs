using SfBridge.Tests.Benchmarks;
using SfBridge.Tests.Emulators;

namespace SfBridge.Tests;

/// <summary>
/// The test assembly doubles as a host for tools that reuse test infrastructure: <c>emulator</c> (the standalone
/// Salesforce emulator, scripts/emulator.sh) and <c>rehearse-alerts</c>
/// (scripts/rehearse-alerts.sh). Test runners never call this.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "rehearse-alerts" => AlertRehearsal.RunAsync(args),
        _ => EmulatorCommand.RunAsync(args),
    };
}
