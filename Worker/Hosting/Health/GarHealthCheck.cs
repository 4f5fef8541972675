using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SfBridge.Gar;

namespace SfBridge.Hosting.Health;

/// <summary>
/// Readiness: GAR answers, when configured, judged by the last lookup the audit made (a probe would load GAR for
/// nothing). GAR down is degraded, not unhealthy: only GSO-05 waits for it, the rest of the cycle goes on.
/// </summary>
internal sealed class GarHealthCheck(IOptions<GarOptions> options, GarCallLog calls) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? HealthCheckResult.Healthy("not configured (GSO-05 off)")
            : calls.LastCall is not { } last ? HealthCheckResult.Healthy("no lookup yet")
            : last.Available ? HealthCheckResult.Healthy($"last lookup {last.Status} at {HealthText.At(last.At)}")
            : HealthCheckResult.Degraded($"GAR did not answer: last lookup {last.Status} at {HealthText.At(last.At)}; GSO-05 waits");
        return Task.FromResult(result);
    }
}
