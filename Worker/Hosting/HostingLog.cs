using Microsoft.Extensions.Logging;

namespace SfBridge.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(100, LogLevel.Information, "Connected to Salesforce: {Remaining}/{Max} daily API calls left, {OpenCases} open cases; {Calls} calls spent")]
    public static partial void Connected(ILogger logger, long remaining, long max, long openCases, long calls);

    [LoggerMessage(101, LogLevel.Error, "Cycle failed: {ErrorCode}")]
    public static partial void CycleFailed(ILogger logger, Exception exception, string errorCode);

    [LoggerMessage(102, LogLevel.Information, "SfBridge {Command} starting (once: {Once})")]
    public static partial void Starting(ILogger logger, string command, bool once);
}
