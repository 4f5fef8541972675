using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace SfBridge.Tests.Fixtures;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports the timers code creates, so a test can wait until a delay or
/// timeout has been scheduled and check its length before advancing time, with no sleeping.
/// </summary>
public sealed class ObservableTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _scheduled = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];

    public ObservableTimeProvider(DateTimeOffset start) : base(start)
    {
    }

    public IReadOnlyCollection<TimeSpan> Scheduled => _scheduled.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Observe(dueTime);
        return timer;
    }

    // Timeouts are often armed later: a CancellationTokenSource made with an infinite delay, then CancelAfter -> Change.
    private void Observe(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _scheduled.Enqueue(dueTime);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
            {
                waiter.Signal.TrySetResult(dueTime);
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class ObservedTimer(ITimer inner, ObservableTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Observe(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>
    /// Completes when a timer whose due time satisfies <paramref name="match"/> is created after this call. Call it
    /// before starting the operation, then await it, then <see cref="FakeTimeProvider.Advance"/>.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        lock (_gate)
        {
            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a safety net for a broken test, not a timing
        }
    }
}
