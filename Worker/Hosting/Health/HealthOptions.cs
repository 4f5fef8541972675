namespace SfBridge.Hosting.Health;

/// <summary>
/// The health and metrics endpoint of the service (<c>run</c>). JSON shape:
/// <code>"Health": { "Url": "http://127.0.0.1:5380", "MissedRuns": 3, "CacheDuration": "00:00:05", "CheckTimeout": "00:00:05" }</code>
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public const string DefaultUrl = "http://127.0.0.1:5380";

    /// <summary>
    /// Where <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> are served: plain http, a host (an IP address,
    /// <c>localhost</c>, or <c>0.0.0.0</c> / <c>*</c> for every interface) and a port. Default http://127.0.0.1:5380;
    /// empty turns the endpoint off.
    /// </summary>
    public string? Url { get; set; } = DefaultUrl;

    /// <summary>
    /// Readiness fails when a job has not succeeded for this many of its scheduled runs (interval or cron), counted from
    /// its last success or, before any, from the start. Default 3.
    /// </summary>
    public int MissedRuns { get; set; } = 3;

    /// <summary>How long a health report is reused, so frequent probes cost one evaluation. Default 5 s; 0 evaluates every probe.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a single check may take (the state store's write probe); past it the check is unhealthy. Default 5 s.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
