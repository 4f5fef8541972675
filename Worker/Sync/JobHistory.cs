using System.Collections.Concurrent;

namespace SfBridge.Sync;

/// <summary>A job's last run in this process, and its last successful one.</summary>
public sealed record JobRecord(DateTimeOffset LastRunAt, bool LastOk, DateTimeOffset? LastSuccessAt);

/// <summary>
/// When each job last ran and last succeeded in this process, for the readiness check: a worker whose jobs stopped
/// succeeding is not doing its work, whatever else looks healthy. In memory only; a restart starts afresh.
/// </summary>
public sealed class JobHistory(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);

    /// <summary>When this history began (the first job run, at the start): the reference for a job that never succeeded.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public JobRecord? this[string job] => _jobs.GetValueOrDefault(job);

    /// <summary>Records a finished run; a run stopped by the host is neither a success nor a failure.</summary>
    public void Record(string job, bool succeeded, DateTimeOffset at) =>
        _jobs.AddOrUpdate(job, _ => new JobRecord(at, succeeded, succeeded ? at : null),
            (_, previous) => new JobRecord(at, succeeded, succeeded ? at : previous.LastSuccessAt));
}
