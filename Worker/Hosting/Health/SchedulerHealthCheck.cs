using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace SfBridge.Hosting.Health;

/// <summary>Liveness: the scheduler that fires the jobs is running (starting counts as alive; shut down does not).</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetStatus(cancellationToken) switch
        {
            SchedulerStatus.Running => HealthCheckResult.Healthy("scheduler running"),
            SchedulerStatus.Created => HealthCheckResult.Degraded("scheduler starting"),
            SchedulerStatus.Standby => HealthCheckResult.Degraded("scheduler in standby: jobs wait until it resumes"),
            var status => HealthCheckResult.Unhealthy($"scheduler {status}: no job will run"),
        };
    }
}
