using SfBridge.Salesforce;

namespace SfBridge.Gar;

/// <summary>Innermost on the GAR client: each attempt, retries included, reaches the <see cref="GarCallLog"/>.</summary>
internal sealed class GarCallHandler(GarCallLog log) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CallOutcome.ObserveAsync(() => base.SendAsync(request, cancellationToken), log.Record);
}
