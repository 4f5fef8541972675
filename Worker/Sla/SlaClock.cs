namespace SfBridge.Sla;

/// <summary>Where a clock stands at an instant.</summary>
public enum ClockStatus
{
    Running,
    Paused,
    Met,
    Breached,
}

/// <summary>One measurement of a clock: where it started and stopped, the pauses that counted, and the outcome.</summary>
public sealed record ClockMeasurement(SlaClock Clock, DateTimeOffset StartedAt, DateTimeOffset? StoppedAt, IReadOnlyList<Interval> Pauses, ClockResult Result);

/// <summary>Outcome of measuring a clock: elapsed working time (pauses excluded), the due instant, and state.</summary>
public sealed record ClockResult(ClockStatus Status, TimeSpan Elapsed, DateTimeOffset? DueAt, bool Warning)
{
    public bool IsBreached => Status == ClockStatus.Breached;

    /// <summary>When a running clock reaches its warning share (null when it is not running or has no warning).</summary>
    public DateTimeOffset? WarnAt { get; init; }

    /// <summary>The clock stopped after its due instant: the breach happened and is over (met late), nothing more to do about it.</summary>
    public bool Over { get; init; }

    /// <summary>
    /// The working time the clock allows up to its due instant, pauses excluded: the target's, or more where pauses pushed a
    /// day-close target to the close of the day it landed on, or a promise they could not bring forward.
    /// </summary>
    public TimeSpan Allowed { get; init; }
}

/// <summary>
/// An SLA clock: starts at an event, stops at another (or keeps running), excludes pause intervals, and compares
/// the working time elapsed on its calendar with its target. Pure: the instant to judge at is an argument.
/// </summary>
public sealed record SlaClock(BusinessCalendar Calendar, SlaTarget Target, double WarningShare)
{
    /// <summary>Told of every measurement (explain shows how a verdict was reached); null in normal judging.</summary>
    public Action<ClockMeasurement>? Observer { get; init; }

    /// <summary>The clock with its whole-day target read to a day's close (<see cref="SlaTarget.ToDayClose"/>).</summary>
    public SlaClock ToDayClose() => this with { Target = Target.ToDayClose() };

    public ClockResult Measure(DateTimeOffset start, DateTimeOffset? stoppedAt, IReadOnlyList<Interval> pauses, DateTimeOffset now)
    {
        var result = MeasureCore(start, stoppedAt, pauses, now);
        Observer?.Invoke(new ClockMeasurement(this, start, stoppedAt, Clip(pauses, start, stoppedAt is { } s && s < now ? s : now), result));
        return result;
    }

    private ClockResult MeasureCore(DateTimeOffset start, DateTimeOffset? stoppedAt, IReadOnlyList<Interval> pauses, DateTimeOffset now)
    {
        var end = stoppedAt is { } s && s < now ? s : now;
        var clipped = Clip(pauses, start, end);
        var pausedNow = stoppedAt is null && clipped.Count > 0 && clipped[^1].To is null;
        var elapsed = WorkingTime(start, end, clipped);

        // A business-day or day-close target is a calendar promise (the same local time N working days later, the close
        // of a day); as working time it is what lies between the start and that instant, so pauses push it out like any
        // other target.
        var promised = Target.IsPromise ? Target.DueFrom(Calendar, start) : (DateTimeOffset?)null;
        var work = promised is { } promise ? Calendar.Elapsed(start, promise) : Target.Duration;
        var due = promised;
        var allowed = work;
        if (promised is null || clipped.Count > 0)
        {
            var pushed = Due(start, work, clipped);
            // A day-close target pushed into a day by its pauses is due at that day's close: that day is given whole, as
            // the promise gives its last day. A pause never brings the promise forward: where the promised instant falls in
            // a break (lunch, the night), the working time alone would end at the span before it, and a pause with no
            // working time in it would make it due there.
            due = Later(Target.DayClose && pushed is { } p ? Calendar.CloseAtOrAfter(p) : pushed, promised);
            if (pushed is { } from && due is { } to && to > from)
            {
                allowed += WorkingTime(from, to, clipped);
            }
        }

        // Breached once the target is passed: at the exact due instant the clock has used its target, not exceeded it. Past
        // means from the millisecond after it, as for every deadline the rules judge (instants are Salesforce's milliseconds):
        // the worker judges the case again then, and no verdict may change before.
        var reached = due is { } d && end >= d + PastAfter;
        var status = reached ? ClockStatus.Breached
            : stoppedAt is not null && stoppedAt <= now ? ClockStatus.Met
            : pausedNow ? ClockStatus.Paused
            : ClockStatus.Running;
        var warning = status == ClockStatus.Running && work > TimeSpan.Zero && elapsed.Ticks >= work.Ticks * WarningShare;
        var warnAt = status == ClockStatus.Running && WarningShare is > 0 and < 1 ? Due(start, TimeSpan.FromTicks((long)(work.Ticks * WarningShare)), clipped) : null;
        return new ClockResult(status, elapsed, due, warning) { WarnAt = warnAt, Over = reached && stoppedAt is not null && stoppedAt <= now, Allowed = allowed };
    }

    /// <summary>Working time between two instants outside the pauses.</summary>
    private TimeSpan WorkingTime(DateTimeOffset from, DateTimeOffset to, List<Interval> pauses)
    {
        var time = Calendar.Elapsed(from, to);
        foreach (var p in pauses)
        {
            time -= Calendar.Elapsed(p.From > from ? p.From : from, p.To is { } t && t < to ? t : to);
        }

        return time;
    }

    /// <summary>How long after a due instant it is passed (RuleContext.ExpectPast wakes the worker then).</summary>
    public static readonly TimeSpan PastAfter = TimeSpan.FromMilliseconds(1);

    private static DateTimeOffset? Later(DateTimeOffset? due, DateTimeOffset? promised) =>
        due is { } d && promised is { } p && p > d ? p : due;

    /// <summary>The instant <paramref name="work"/> of working time is used, pushed out by each pause; null while paused open-ended before it.</summary>
    private DateTimeOffset? Due(DateTimeOffset start, TimeSpan work, List<Interval> pauses)
    {
        var remaining = work;
        var cursor = start;
        foreach (var pause in pauses)
        {
            var segment = Calendar.Elapsed(cursor, pause.From);
            if (segment >= remaining)
            {
                return Calendar.Add(cursor, remaining);
            }

            remaining -= segment;
            if (pause.To is not { } resumed)
            {
                return null;
            }

            cursor = resumed;
        }

        return Calendar.Add(cursor, remaining);
    }

    private static List<Interval> Clip(IReadOnlyList<Interval> pauses, DateTimeOffset start, DateTimeOffset end)
    {
        var result = new List<Interval>(pauses.Count);
        if (pauses.Count == 0)
        {
            return result;
        }

        foreach (var p in InOrder(pauses))
        {
            var from = p.From < start ? start : p.From;
            if (from >= end || (p.To is { } to && to <= from))
            {
                continue;
            }

            result.Add(new Interval(from, p.To is { } t && t <= end ? t : null)); // half-open: a pause that ended at the end is over
        }

        return result;
    }

    /// <summary>The pauses by start (they usually come in order: a case's status history is read in order).</summary>
    private static IReadOnlyList<Interval> InOrder(IReadOnlyList<Interval> pauses)
    {
        for (var i = 1; i < pauses.Count; i++)
        {
            if (pauses[i].From < pauses[i - 1].From)
            {
                return pauses.OrderBy(p => p.From).ToList();
            }
        }

        return pauses;
    }
}
