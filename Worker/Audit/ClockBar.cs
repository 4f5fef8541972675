using SfBridge.Sla;

namespace SfBridge.Audit;

/// <summary>One part of a clock bar and its share of the bar, in percent with one decimal.</summary>
public sealed record ClockBarPart(string Name, TimeSpan Time, decimal Percent);

/// <summary>
/// A measured clock as a bar: working time elapsed within the target, time paused (working time of the calendar
/// inside the pauses), then what remains of the target or, past it, the time overdue. The parts are shares of their
/// sum, rounded so they add up to exactly 100.
/// </summary>
public sealed record ClockBar(TimeSpan Target, TimeSpan Elapsed, TimeSpan Paused, IReadOnlyList<ClockBarPart> Parts)
{
    public const string ElapsedPart = "elapsed";
    public const string PausedPart = "paused";
    public const string RemainingPart = "remaining";
    public const string OverduePart = "overdue";

    public TimeSpan Remaining => Target > Elapsed ? Target - Elapsed : TimeSpan.Zero;

    public TimeSpan Overdue => Elapsed > Target ? Elapsed - Target : TimeSpan.Zero;

    /// <summary>Elapsed working time as a share of the target (explain's share), in percent.</summary>
    public double Share => Target <= TimeSpan.Zero ? 0 : 100.0 * Elapsed.Ticks / Target.Ticks;

    /// <summary>The bar of a measurement; <paramref name="end"/> is where the clock stopped counting (its stop or the judging instant).</summary>
    public static ClockBar Of(ClockMeasurement m, DateTimeOffset end)
    {
        var calendar = m.Clock.Calendar;
        var target = m.Result.Allowed;
        var paused = m.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + calendar.Elapsed(p.From, p.To is { } to && to < end ? to : end));
        var elapsed = m.Result.Elapsed;
        var within = elapsed < target ? elapsed : target;
        var last = elapsed > target ? (OverduePart, elapsed - target) : (RemainingPart, target - within);
        return new ClockBar(target, elapsed, paused, Split([(ElapsedPart, within), (PausedPart, paused), last]));
    }

    /// <summary>Shares rounded to one decimal; the largest part absorbs the rounding so the sum is exactly 100.</summary>
    private static List<ClockBarPart> Split(IReadOnlyList<(string Name, TimeSpan Time)> parts)
    {
        var total = parts.Sum(p => p.Time.Ticks);
        var result = parts.Select(p => new ClockBarPart(p.Name, p.Time, total == 0 ? 0 : Math.Round(100m * p.Time.Ticks / total, 1))).ToList();
        if (total > 0)
        {
            var largest = result.IndexOf(result.MaxBy(p => p.Percent)!);
            result[largest] = result[largest] with { Percent = 100m - result.Where((_, i) => i != largest).Sum(p => p.Percent) };
        }

        return result;
    }
}
