namespace SfBridge.Sync;

/// <summary>
/// Incremental sync and job schedules. JSON shape:
/// <code>
/// "Sync": { "Overlap": "00:05:00", "AgentWorkBackfillDays": 30 },
/// "Jobs": { "CaseSync": { "Interval": "00:01:00" }, "OmniChannelSync": { "Interval": "00:01:00" }, "SlaSweep": { "Cron": "0 * * ? * *" } }
/// </code>
/// </summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Each incremental query re-reads this much before the watermark: commits become visible out of
    /// SystemModstamp order, and records seen twice are skipped by Id + SystemModstamp. Default 5 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first AgentWork sync reads. Default 30 days.</summary>
    public int AgentWorkBackfillDays { get; set; } = 30;

    /// <summary>
    /// Whether the case sync also reads comments, e-mails, tasks and files changed since its last run (one query each)
    /// and re-reads their tracked cases: a logged call or an attached file does not move the case's SystemModstamp.
    /// Default true; false saves four query calls per run and misses such changes until the case itself changes.
    /// </summary>
    public bool ChildChanges { get; set; } = true;

    /// <summary>
    /// Tracked cases the SLA sweep reads, judges and commits at a time (one transaction each). Bounds the sweep's memory
    /// whatever the number of tracked cases. Default 500: at 100,000 tracked cases a full sweep's resident memory was
    /// about 40 MB lower than with 1,000 and 2,000, for more, smaller transactions.
    /// </summary>
    public int SweepBatch { get; set; } = 500;
}

/// <summary>When a job fires: a fixed interval, or a Quartz cron expression (which wins when both are set).</summary>
public sealed class JobSchedule
{
    /// <summary>Time between runs (default 1 minute). A run is never started while the previous one is still going.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Quartz cron expression with seconds, e.g. "0 */2 * ? * MON-FRI".</summary>
    public string? Cron { get; set; }

    /// <summary>The instant the <paramref name="runs"/>-th scheduled run after <paramref name="from"/> is due; null for a cron that never fires again.</summary>
    public DateTimeOffset? Deadline(DateTimeOffset from, int runs)
    {
        if (Cron is not { Length: > 0 } cron || !Quartz.CronExpression.TryParse(cron, out var expression))
        {
            return from + (Interval * runs);
        }

        DateTimeOffset? at = from;
        for (var i = 0; i < runs && at is not null; i++)
        {
            at = expression.GetNextValidTimeAfter(at.Value);
        }

        return at;
    }
}

/// <summary>Schedules of the worker's jobs (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public JobSchedule CaseSync { get; set; } = new();

    public JobSchedule OmniChannelSync { get; set; } = new();

    public JobSchedule SlaSweep { get; set; } = new();

    public JobSchedule AlertDispatch { get; set; } = new();

    public JobSchedule GarAudit { get; set; } = new() { Interval = TimeSpan.FromMinutes(5) };
}
