using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace SfBridge.Sync;

/// <summary>
/// Wakes the worker at the instant a tracked clock warns or breaches (or a reminder falls due), instead of waiting
/// for the next periodic sweep: a timer on the <see cref="TimeProvider"/> is set after every sweep to the earliest
/// next instant, and when it fires the sweep judges the cases due from the state store and the outbox posts at once,
/// with no Salesforce query. Runs never overlap each other or the periodic sweep and dispatch (<see cref="CycleGate"/>).
/// On a cluster the wake-up is a trigger of the clustered scheduler (<see cref="WakeUpTrigger"/>, on the sweep job), so
/// it fires once, on one worker, and survives the worker that set it.
/// </summary>
public sealed partial class DueWatch(TimeProvider time, IServiceProvider services, ILogger<DueWatch> logger) : IAsyncDisposable, IDisposable
{
    /// <summary>The clustered scheduler's trigger of the sweep job that wakes the cluster at the next due instant.</summary>
    public const string WakeUpTrigger = "due-instant";

    private readonly bool _clustered = services.GetService<IOptions<Cluster.ClusterOptions>>()?.Value.Enabled == true && services.GetService<ISchedulerFactory>() is not null;

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private DateTimeOffset? _armedFor;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    /// <summary>The instant the worker will wake up at next (null: nothing ahead).</summary>
    public DateTimeOffset? ArmedFor
    {
        get
        {
            lock (_gate)
            {
                return _armedFor;
            }
        }
    }

    /// <summary>
    /// Sets the wake-up to <paramref name="at"/> (null clears it). An instant already past (it came while the sweep
    /// that asks was running) wakes the worker at once.
    /// </summary>
    public void Arm(DateTimeOffset? at)
    {
        if (_clustered)
        {
            if (at is { } instant)
            {
                _ = ScheduleOnClusterAsync(instant);
            }

            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (at is not { } due)
            {
                _armedFor = null;
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            if (due <= now)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _armedFor = due;
                FireLocked();
                return;
            }

            _armedFor = due;
            SetTimerLocked(due - now);
        }
    }

    /// <summary>
    /// The longest a timer is set for: a platform timer takes at most about 49.7 days, and an instant further ahead (a return
    /// scheduled months away, a leave) would make every arming throw. A longer wait is armed again for the rest when it ends.
    /// </summary>
    internal static readonly TimeSpan LongestTimer = TimeSpan.FromDays(1);

    private void SetTimerLocked(TimeSpan wait)
    {
        wait = wait > LongestTimer ? LongestTimer : wait;
        if (_timer is null)
        {
            _timer = time.CreateTimer(_ => OnTimer(), null, wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Judges and posts now (the service calls it after a sync stored changes, so new cases are judged, and their next
    /// instants known, without waiting for the periodic sweep).
    /// </summary>
    public void WakeNow()
    {
        if (_clustered)
        {
            _ = ScheduleOnClusterAsync(time.GetUtcNow());
            return;
        }

        Fire();
    }

    /// <summary>Moves the cluster's wake-up trigger to <paramref name="at"/> (every worker arms the same, earliest, instant of the shared state).</summary>
    private async Task ScheduleOnClusterAsync(DateTimeOffset at)
    {
        try
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(_stopping.Token);
            var key = new TriggerKey(WakeUpTrigger);
            if (await scheduler.GetTrigger(key, _stopping.Token) is { } pending && pending.NextFireTimeUtc is { } sooner && sooner <= at)
            {
                return; // an earlier wake-up is set (or waiting for a sweep in progress): it judges this instant's cases too
            }

            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(Cycle.SlaSweep).StartAt(at)
                .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, _stopping.Token);

            lock (_gate)
            {
                _armedFor = at;
            }
        }
        catch (Exception ex) when (ex is SchedulerException or ObjectDisposedException or OperationCanceledException)
        {
            WakeUpNotScheduled(logger, at, ex.GetType().Name);
        }
    }

    /// <summary>Completes when no wake-up run is in progress.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _running;
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            FireLocked();
        }
    }

    /// <summary>The timer ended: the wake-up runs, unless the wait was longer than one timer and some of it is left.</summary>
    private void OnTimer()
    {
        lock (_gate)
        {
            if (!_disposed && _armedFor is { } due && due > time.GetUtcNow())
            {
                SetTimerLocked(due - time.GetUtcNow());
                return;
            }

            FireLocked();
        }
    }

    private void FireLocked()
    {
        if (_disposed)
        {
            return;
        }

        var due = _armedFor;
        _armedFor = null;
        var previous = _running;
        _running = Task.Run(async () =>
        {
            await previous;
            await RunAsync(due);
        });
    }

    /// <summary>Judges the due cases and posts what is due; no Salesforce query (replies and critical marks are left to the periodic run).</summary>
    private async Task RunAsync(DateTimeOffset? due)
    {
        try
        {
            var cycle = services.GetRequiredService<Cycle>();
            Woke(logger, due);
            await cycle.RunJobAsync(Cycle.SlaSweep, _stopping.Token);
            await cycle.PostDueAsync(_stopping.Token);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // The host is stopping: the periodic jobs take over at the next start.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }

        _stopping.Cancel();
    }

    /// <summary>Stops waking up and waits for a run in progress, so nothing writes the state after the host stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            running = _running;
        }

        Dispose();
        try
        {
            await running;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // stopped mid-run: what it stored stays stored
        }

        _stopping.Dispose();
    }

    [LoggerMessage(2010, LogLevel.Warning, "Could not set the cluster's wake-up for {DueAt} ({Error}); the periodic sweep covers it")]
    private static partial void WakeUpNotScheduled(ILogger logger, DateTimeOffset dueAt, string error);

    [LoggerMessage(2009, LogLevel.Information, "Woke up for a clock due at {DueAt}")]
    private static partial void Woke(ILogger logger, DateTimeOffset? dueAt);
}

/// <summary>One sweep or dispatch at a time, whether started by the schedule or by <see cref="DueWatch"/>.</summary>
public sealed class CycleGate
{
    public SemaphoreSlim Lock { get; } = new(1, 1);
}
