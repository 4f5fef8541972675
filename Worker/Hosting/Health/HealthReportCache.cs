using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SfBridge.Hosting.Health;

/// <summary>
/// Evaluates the checks of one tag (live or ready) at most once per Health:CacheDuration: probes arriving meanwhile,
/// or while an evaluation runs, share its report. A probe every second then costs one state-store write per period.
/// </summary>
public sealed class HealthReportCache(HealthCheckService checks, IOptions<HealthOptions> options, TimeProvider time)
{
    public const string Live = "live";
    public const string Ready = "ready";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<HealthReport> Report, DateTimeOffset At)> _reports = new(StringComparer.Ordinal);

    public Task<HealthReport> GetAsync(string tag, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Task<HealthReport> report;
        lock (_gate)
        {
            if (!_reports.TryGetValue(tag, out var cached) || (cached.Report.IsCompleted && now - cached.At >= options.Value.CacheDuration))
            {
                // Not tied to one caller's token: a probe that disconnects must not cancel the others' shared evaluation.
                // Each check is bounded by its own timeout instead.
                cached = (checks.CheckHealthAsync(r => r.Tags.Contains(tag), CancellationToken.None), now);
                _reports[tag] = cached;
            }

            report = cached.Report;
        }

        return report.WaitAsync(cancellationToken);
    }
}
