using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SfBridge.Salesforce;

namespace SfBridge.Hosting.Health;

/// <summary>Readiness: the org's daily API calls are above Salesforce:ApiCallFloor (under it, every call is paused).</summary>
internal sealed class ApiBudgetHealthCheck(ApiUsageMonitor usage, IOptionsMonitor<SalesforceOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var floor = options.CurrentValue.ApiCallFloor;
        if (usage.Latest is not { } latest)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not reported yet"));
        }

        var text = $"{latest.Remaining} of {latest.Max} daily calls left, floor {floor}";
        return Task.FromResult(floor > 0 && latest.Remaining < floor
            ? HealthCheckResult.Unhealthy(text + ": calls paused")
            : HealthCheckResult.Healthy(text));
    }
}
