using Microsoft.Extensions.Hosting;
using Quartz;

namespace SfBridge.Sync;

/// <summary>
/// Quartz jobs are thin: each runs one job of the <see cref="Cycle"/>, never two runs at once. The token also
/// fires when the host stops (SIGTERM), so a run abandons its page in flight at once; pages stored before it stay.
/// </summary>
public abstract class CycleJob(Cycle cycle, IHostApplicationLifetime lifetime, string job) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        await cycle.RunJobAsync(job, stopping.Token);
        AfterRun();
    }

    /// <summary>What the service does once the job ran (nothing by default).</summary>
    protected virtual void AfterRun()
    {
    }
}

/// <summary>The case sync; afterwards the cases it stored are judged at once (their next instants become known).</summary>
[DisallowConcurrentExecution]
public sealed class CaseSyncJob(Cycle cycle, IHostApplicationLifetime lifetime, DueWatch dueWatch) : CycleJob(cycle, lifetime, Cycle.CaseSync)
{
    protected override void AfterRun() => dueWatch.WakeNow();
}

[DisallowConcurrentExecution]
public sealed class OmniChannelSyncJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.OmniChannelSync);

[DisallowConcurrentExecution]
public sealed class SlaSweepJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.SlaSweep);

[DisallowConcurrentExecution]
public sealed class AlertDispatchJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.AlertDispatch);

[DisallowConcurrentExecution]
public sealed class GarAuditJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.GarAudit);
