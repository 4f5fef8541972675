namespace SfBridge.Hosting;

/// <summary>What the process exits with: set by whatever decides the run failed.</summary>
public sealed class RunOutcome
{
    public const int Success = 0;
    public const int CycleFailed = 1;
    public const int UsageError = 2;
    public const int ConfigurationError = 3;

    private int _exitCode;

    public int ExitCode => Volatile.Read(ref _exitCode);

    public void Fail(int exitCode = CycleFailed) => Volatile.Write(ref _exitCode, exitCode);
}
