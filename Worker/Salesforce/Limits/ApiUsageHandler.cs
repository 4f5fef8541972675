namespace SfBridge.Salesforce;

/// <summary>
/// Innermost handler: sees every attempt (retries included), counts it and reads <c>Sforce-Limit-Info</c>.
/// Refuses to send while the API floor pause is in force.
/// </summary>
internal sealed class ApiUsageHandler(ApiUsageMonitor monitor, TimeProvider time, Microsoft.Extensions.Logging.ILogger<ApiUsageHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        monitor.EnsureBudget();
        var endpoint = EndpointKind(request.RequestUri);
        monitor.RecordCall(endpoint);
        var started = time.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        SalesforceLog.Request(logger, request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, time.GetElapsedTime(started));
        if (response.Headers.TryGetValues(ApiUsage.HeaderName, out var values) &&
            ApiUsage.TryParse(string.Join(';', values), out var usage))
        {
            monitor.Record(usage);
        }

        return response;
    }

    internal static string EndpointKind(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "";
        if (path.Contains("/oauth2/token", StringComparison.Ordinal)) return "token";
        if (path.Contains("/chatter/", StringComparison.Ordinal)) return "chatter";
        if (path.Contains("/composite", StringComparison.Ordinal)) return "composite";
        if (path.Contains("/queryAll", StringComparison.Ordinal)) return "queryAll";
        if (path.Contains("/query", StringComparison.Ordinal)) return "query";
        if (path.EndsWith("/describe", StringComparison.Ordinal) || path.TrimEnd('/').EndsWith("/sobjects", StringComparison.Ordinal)) return "describe";
        if (path.Contains("/sobjects", StringComparison.Ordinal)) return "sobjects";
        if (path.EndsWith("/limits", StringComparison.Ordinal)) return "limits";
        return "other";
    }
}
