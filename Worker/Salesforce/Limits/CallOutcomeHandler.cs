namespace SfBridge.Salesforce;

/// <summary>
/// Innermost on both Salesforce clients (token and data): every attempt, retries included, is counted in the
/// metrics by endpoint kind and status, and the last one is kept for the readiness check.
/// </summary>
internal sealed class CallOutcomeHandler(ApiUsageMonitor monitor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = ApiUsageHandler.EndpointKind(request.RequestUri);
        return CallOutcome.ObserveAsync(() => base.SendAsync(request, cancellationToken), status => monitor.RecordOutcome(endpoint, status));
    }
}
