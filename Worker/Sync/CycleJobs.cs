using Quartz;

namespace SfBridge.Sync;

/// <summary>Quartz jobs are thin: each runs one job of the <see cref="Cycle"/>. Never two runs of a job at once.</summary>
[DisallowConcurrentExecution]
public sealed class CaseSyncJob(Cycle cycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cycle.RunJobAsync(Cycle.CaseSync, cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class OmniChannelSyncJob(Cycle cycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cycle.RunJobAsync(Cycle.OmniChannelSync, cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class SlaSweepJob(Cycle cycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cycle.RunJobAsync(Cycle.SlaSweep, cancellationToken);
}
