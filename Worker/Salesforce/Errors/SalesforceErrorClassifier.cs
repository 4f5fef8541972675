using System.Net;

namespace SfBridge.Salesforce;

/// <summary>Which failures a retry can cure. Anything not listed is treated as permanent.</summary>
public static class SalesforceErrorClassifier
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "QUERY_TIMEOUT", "REQUEST_RUNNING_TOO_LONG",
    };

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>REQUEST_LIMIT_EXCEEDED (403) means the org's daily allocation is spent: hours, not seconds, so never retried blindly.</summary>
    public static bool IsTransient(HttpStatusCode status, string? errorCode) =>
        errorCode is not null && TransientCodes.Contains(errorCode)
            || (errorCode != "REQUEST_LIMIT_EXCEEDED" && IsTransientStatus(status));

    /// <summary>A 400 whose body names a transient code (lock contention) is retryable too.</summary>
    public static bool BodyNamesTransientCode(string body) =>
        TransientCodes.Any(code => body.Contains(code, StringComparison.Ordinal));
}
