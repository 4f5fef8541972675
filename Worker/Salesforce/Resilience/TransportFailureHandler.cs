using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SfBridge.Salesforce;

/// <summary>
/// Outermost handler: failures where no Salesforce response arrived (network, timeout, open circuit) become
/// transient <see cref="SalesforceApiException"/>s, so callers handle one exception type.
/// </summary>
internal sealed class TransportFailureHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw Fail(request, "CIRCUIT_OPEN", "circuit open after repeated failures", ex, null);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Fail(request, "TIMEOUT", $"timed out after {ex.Timeout}", ex, null);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(request, "NETWORK", $"{ex.HttpRequestError} ({ex.Message.TrimEnd('.')})", ex, null);
        }
    }

    /// <summary>The one summary of a call that failed for good: what was asked, after how many attempts, and why.</summary>
    private static SalesforceApiException Fail(HttpRequestMessage request, string code, string detail, Exception inner, TimeSpan? retryAfter)
    {
        var attempts = request.Options.TryGetValue(SalesforceResilience.Retries, out var retries) ? retries + 1 : 1;
        return new($"Salesforce {request.Method} {request.RequestUri?.AbsolutePath} failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {code}: {detail}",
            null, code, [], isTransient: true, retryAfter, inner);
    }
}
