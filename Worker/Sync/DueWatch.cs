using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SfBridge.Sync;

/// <summary>
/// Wakes the worker at the instant a tracked clock warns or breaches (or a reminder falls due), instead of waiting
/// for the next periodic sweep: a timer on the <see cref="TimeProvider"/> is set after every sweep to the earliest
/// next instant, and when it fires the sweep judges the cases due from the state store and the outbox posts at once,
/// with no Salesforce query. Runs never overlap each other or the periodic sweep and dispatch (<see cref="CycleGate"/>).
/// </summary>
public sealed partial class DueWatch(TimeProvider time, IServiceProvider services, ILogger<DueWatch> logger) : IDisposable
{
    private readonly Lock _gate = new();
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

    /// <summary>Sets the wake-up to <paramref name="at"/>; an instant not in the future clears it (the sweep that asks has just judged it).</summary>
    public void Arm(DateTimeOffset? at)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (at is not { } due || due <= now)
            {
                _armedFor = null;
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            _armedFor = due;
            var wait = due - now;
            if (_timer is null)
            {
                _timer = time.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
            }
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
    }

    private async Task RunAsync(DateTimeOffset? due)
    {
        try
        {
            var cycle = services.GetRequiredService<Cycle>();
            Woke(logger, due);
            await cycle.RunJobAsync(Cycle.SlaSweep, CancellationToken.None);
            await cycle.RunJobAsync(Cycle.AlertDispatch, CancellationToken.None);
        }
        catch (ObjectDisposedException)
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
    }

    [LoggerMessage(2009, LogLevel.Information, "Woke up for a clock due at {DueAt}")]
    private static partial void Woke(ILogger logger, DateTimeOffset? dueAt);
}

/// <summary>One sweep or dispatch at a time, whether started by the schedule or by <see cref="DueWatch"/>.</summary>
public sealed class CycleGate
{
    public SemaphoreSlim Lock { get; } = new(1, 1);
}
