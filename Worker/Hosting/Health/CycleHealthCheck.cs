using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SfBridge.Sync;

namespace SfBridge.Hosting.Health;

/// <summary>
/// Readiness: every job succeeded within its last Health:MissedRuns scheduled runs, counted on its own schedule
/// (interval or cron) from its last success or, before the first, from the start. A weekday cron is not stale over a
/// weekend; a job that keeps failing is, whatever the other checks say. On a cluster a job's fires go to whichever
/// worker takes them, so its last success on any worker counts (the state database's runs).
/// </summary>
internal sealed class CycleHealthCheck(JobHistory history, IOptions<JobsOptions> jobs, IOptions<HealthOptions> health, IOptions<Cluster.ClusterOptions> cluster,
    State.IStateStore store, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shared = cluster.Value.Enabled ? await store.LastSuccessesAsync(cancellationToken) : new Dictionary<string, DateTimeOffset>();
        var now = time.GetUtcNow();
        var missed = health.Value.MissedRuns;
        var stale = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (job, schedule) in Schedules(jobs.Value))
        {
            var success = Instants.Later(history[job]?.LastSuccessAt, shared.TryGetValue(job, out var elsewhere) ? elsewhere : null);
            data[job] = success is { } at ? "last success " + HealthText.At(at) : "no success yet";
            if (schedule.Deadline(success ?? history.StartedAt, missed) is { } deadline && now > deadline)
            {
                stale.Add(success is { } s ? $"{job} has not succeeded since {HealthText.At(s)}" : $"{job} has not succeeded since the start");
            }
        }

        return stale.Count > 0
            ? HealthCheckResult.Unhealthy(string.Join("; ", stale) + $" ({missed} runs missed)", data: data)
            : HealthCheckResult.Healthy($"every job succeeded within its last {missed} runs", data);
    }

    private static IEnumerable<(string Job, JobSchedule Schedule)> Schedules(JobsOptions jobs) =>
    [
        (Cycle.CaseSync, jobs.CaseSync), (Cycle.OmniChannelSync, jobs.OmniChannelSync), (Cycle.GarAudit, jobs.GarAudit),
        (Cycle.SlaSweep, jobs.SlaSweep), (Cycle.AlertDispatch, jobs.AlertDispatch),
    ];
}
