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
        await cycle.RunJobAsync(job, stopping.Token, context.FireInstanceId);
        await AfterRunAsync(context, stopping.Token);
    }

    /// <summary>What the service does once the job ran (nothing by default).</summary>
    protected virtual Task AfterRunAsync(IJobExecutionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The case sync; afterwards the cases it stored are judged at once (their next instants become known).</summary>
[DisallowConcurrentExecution]
public sealed class CaseSyncJob(Cycle cycle, IHostApplicationLifetime lifetime, DueWatch dueWatch) : CycleJob(cycle, lifetime, Cycle.CaseSync)
{
    protected override Task AfterRunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        dueWatch.WakeNow();
        return Task.CompletedTask;
    }
}

/// <summary>The Omni-Channel and org-data sync; afterwards a sweep that waited for the org's users runs at once.</summary>
[DisallowConcurrentExecution]
public sealed class OmniChannelSyncJob(Cycle cycle, IHostApplicationLifetime lifetime, DueWatch dueWatch, SweepMemory memory) : CycleJob(cycle, lifetime, Cycle.OmniChannelSync)
{
    protected override Task AfterRunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (memory.WaitedForUsers)
        {
            memory.WaitedForUsers = false;
            dueWatch.WakeNow();
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The SLA sweep. On a cluster, the wake-up at a due instant is a second trigger of this same job (so no two sweeps
/// ever run at once anywhere in the cluster); fired by it, the sweep is followed by posting what is due.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaSweepJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.SlaSweep)
{
    private readonly Cycle _cycle = cycle;

    protected override async Task AfterRunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (context.Trigger.Key.Name == DueWatch.WakeUpTrigger)
        {
            await _cycle.PostDueAsync(cancellationToken, context.FireInstanceId);
        }
    }
}

[DisallowConcurrentExecution]
public sealed class AlertDispatchJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.AlertDispatch);

[DisallowConcurrentExecution]
public sealed class GarAuditJob(Cycle cycle, IHostApplicationLifetime lifetime) : CycleJob(cycle, lifetime, Cycle.GarAudit);
