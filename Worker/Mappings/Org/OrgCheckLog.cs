using Microsoft.Extensions.Logging;

namespace SfBridge.Mappings.Org;

internal static partial class OrgCheckLog
{
    [LoggerMessage(6101, LogLevel.Warning, "Mapping problem against the org: {Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(6102, LogLevel.Information, "Checked the mappings against the org: {ProblemCount} problems ({Checked}); {ApiCalls}")]
    public static partial void Checked(ILogger logger, int problemCount, string @checked, string apiCalls);

    [LoggerMessage(6103, LogLevel.Warning, "Could not check the mappings against the org, starting without the check: {Reason}")]
    public static partial void CouldNotCheck(ILogger logger, string reason);

    [LoggerMessage(6104, LogLevel.Warning, "The org check did not finish within {Timeout}; starting without it")]
    public static partial void TimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(6105, LogLevel.Information, "Org check at start is off (Salesforce:CheckOrgAtStart=false)")]
    public static partial void Skipped(ILogger logger);
}
