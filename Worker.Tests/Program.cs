using SfBridge.Tests.Emulators;

namespace SfBridge.Tests;

/// <summary>
/// The test assembly doubles as the standalone emulator host: <c>scripts/emulator.sh</c> runs it with
/// <c>emulator --port N --snapshot DIR</c>. Test runners load the assembly and never call this.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => EmulatorCommand.RunAsync(args);
}
