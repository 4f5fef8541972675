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
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _scheduled.Enqueue(dueTime);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
            {
                waiter.Signal.TrySetResult(dueTime);
                _waiters.Remove(waiter);
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer whose due time satisfies <paramref name="match"/> is created (now or later).</summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        lock (_gate)
        {
            var seen = _scheduled.FirstOrDefault(match);
            if (seen != default)
            {
                return Task.FromResult(seen);
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a safety net for a broken test, not a timing
        }
    }
}
