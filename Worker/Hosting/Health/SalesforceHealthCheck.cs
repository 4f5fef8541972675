using Microsoft.Extensions.Diagnostics.HealthChecks;
using SfBridge.Salesforce;

namespace SfBridge.Hosting.Health;

/// <summary>
/// Readiness: Salesforce answers and a session can be had. Reads what the client already knows (the cached session,
/// the last token request, the last call) and never calls Salesforce itself, so probing costs no API call.
/// </summary>
internal sealed class SalesforceHealthCheck(SalesforceTokenProvider tokens, ApiUsageMonitor usage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var session = tokens.Cached;
        var last = usage.LastCall;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (session is not null)
        {
            data["sessionRenewsAt"] = HealthText.At(session.RenewAt);
        }

        if (last is not null)
        {
            data["lastCall"] = $"{last.Endpoint} {last.Status} at {HealthText.At(last.At)}";
        }

        var result = tokens.LastFailure is { } failure
            ? HealthCheckResult.Unhealthy($"token request failed at {HealthText.At(failure.At)}: {failure.ErrorCode}", data: data)
            : last is { Available: false }
                ? HealthCheckResult.Unhealthy($"Salesforce did not answer: last call {last.Endpoint} {last.Status} at {HealthText.At(last.At)}", data: data)
                : HealthCheckResult.Healthy(session is null ? "no session yet" : $"session valid; last call {last?.Endpoint} {last?.Status}", data);
        return Task.FromResult(result);
    }
}
