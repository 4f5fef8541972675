using Microsoft.Extensions.Logging;

namespace SfBridge.Salesforce;

/// <summary>Every log event of the Salesforce client, in one place. None of them takes a token, key or secret.</summary>
internal static partial class SalesforceLog
{
    [LoggerMessage(1001, LogLevel.Information, "Authenticated to Salesforce with the {Flow} flow; instance {InstanceUrl}")]
    public static partial void Authenticated(ILogger logger, AuthFlow flow, string instanceUrl);

    [LoggerMessage(1002, LogLevel.Warning, "Salesforce session expired or was revoked; re-authenticating and replaying {Method} {Path}")]
    public static partial void SessionExpired(ILogger logger, HttpMethod method, string path);

    [LoggerMessage(1003, LogLevel.Error, "Salesforce token request with the {Flow} flow failed: {Status} {Error}")]
    public static partial void TokenRequestFailed(ILogger logger, AuthFlow flow, int status, string error);

    [LoggerMessage(1004, LogLevel.Debug, "Salesforce {Method} {Path} answered {Status} in {Elapsed}")]
    public static partial void Request(ILogger logger, HttpMethod method, string? path, int status, TimeSpan elapsed);

    [LoggerMessage(1010, LogLevel.Debug, "Salesforce API usage {Used}/{Max}")]
    public static partial void ApiUsage(ILogger logger, long used, long max);

    [LoggerMessage(1011, LogLevel.Warning, "Salesforce API calls paused: {Remaining} daily calls left, under the floor of {Floor}; probing again after {Pause}")]
    public static partial void ApiFloorReached(ILogger logger, long remaining, int floor, TimeSpan pause);

    [LoggerMessage(1020, LogLevel.Warning, "Retrying {Service} {Method} {Path} in {Delay} after attempt {Attempt}: {Outcome}")]
    public static partial void Retrying(ILogger logger, string service, HttpMethod? method, string? path, TimeSpan delay, int attempt, string outcome);

    [LoggerMessage(1030, LogLevel.Debug, "Query page {Page} of {Object} returned {Count} records (total {TotalSize})")]
    public static partial void QueryPage(ILogger logger, int page, string @object, int count, long totalSize);

    [LoggerMessage(1031, LogLevel.Warning, "Query page {Path} was not valid JSON ({Error}); fetching it once more")]
    public static partial void MalformedPage(ILogger logger, string path, string error);

    [LoggerMessage(1040, LogLevel.Warning, "Salesforce rejected {Failed} of {Total} records in a collection update")]
    public static partial void CollectionPartialFailure(ILogger logger, int failed, int total);

    [LoggerMessage(1050, LogLevel.Warning, "Chatter batch post: {Failed} of {Total} feed elements failed")]
    public static partial void ChatterBatchPartialFailure(ILogger logger, int failed, int total);
}
