namespace SfBridge.Sla;

/// <summary>
/// Working time: spans per weekday in a time zone (a gap between spans is a lunch break), minus holidays.
/// Durations are measured and added exactly across weekends, holidays and DST changes: each local working
/// span is converted to UTC on its own date, so a 08:00–18:00 day is 10 hours even on the day clocks move.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far calendar arithmetic searches for working time before deciding there is none.</summary>
    private const int MaxDays = 3700;

    private readonly WorkSpan[][] _spans;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, (DateTimeOffset From, DateTimeOffset To)[]> _intervals = new();

    public BusinessCalendar(string name, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkSpan>> spans, IEnumerable<DateOnly> holidays)
        : this(name, zone, spans, new HolidaySet(null, holidays, []))
    {
    }

    public BusinessCalendar(string name, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkSpan>> spans, HolidaySet holidays)
    {
        Name = name;
        Zone = zone;
        _spans = Enumerable.Range(0, 7)
            .Select(d => spans.TryGetValue((DayOfWeek)d, out var s) ? s.OrderBy(x => x.Start).ToArray() : [])
            .ToArray();
        Holidays = holidays;
        IsAlwaysOpen = holidays.IsEmpty && _spans.All(d => d.Length == 1 && d[0].Start == TimeSpan.Zero && d[0].End == TimeSpan.FromDays(1));
        if (_spans.All(d => d.Length == 0))
        {
            throw new ArgumentException($"Calendar {name} has no working time");
        }
    }

    public const string AlwaysOpenName = "24x7";

    public string Name { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The days off of this calendar.</summary>
    public HolidaySet Holidays { get; }

    /// <summary>True for a 24x7 calendar without holidays: durations are plain wall-clock time.</summary>
    public bool IsAlwaysOpen { get; }

    public static BusinessCalendar AlwaysOpen(TimeZoneInfo zone) =>
        new(AlwaysOpenName, zone, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkSpan>)[new WorkSpan(TimeSpan.Zero, TimeSpan.FromDays(1))]), []);

    public bool IsWorkingDay(DateOnly date) => !Holidays.Contains(date) && _spans[(int)date.DayOfWeek].Length > 0;

    public bool IsOpen(DateTimeOffset at)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var date = LocalDate(at);
        foreach (var (from, to) in WorkingIntervals(date))
        {
            if (at >= from && at < to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (IsAlwaysOpen)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var date = LocalDate(from).AddDays(-1); date <= last; date = date.AddDays(1))
        {
            foreach (var (start, end) in WorkingIntervals(date))
            {
                var a = start > from ? start : from;
                var b = end < to ? end : to;
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    /// <summary>The instant when <paramref name="duration"/> of working time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (IsAlwaysOpen)
        {
            return start + duration;
        }

        var remaining = duration;
        var date = LocalDate(start).AddDays(-1);
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(1))
        {
            foreach (var (from, to) in WorkingIntervals(date))
            {
                if (to <= start)
                {
                    continue;
                }

                var segmentStart = from > start ? from : start;
                var available = to - segmentStart;
                if (remaining <= available)
                {
                    return segmentStart + remaining;
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException($"Calendar {Name} has no working time within {MaxDays} days of {start:O}");
    }

    /// <summary>
    /// The same local time of day on the <paramref name="days"/>-th working day after the start's local date
    /// ("within 1 business day": Friday 17:00 is due Monday 17:00). A start on a day off (a weekend, a holiday) counts
    /// from the opening of the next working day: a ticket opened on Saturday morning has Monday whole, not the part of
    /// Monday before the hour it was opened.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        if (!IsAlwaysOpen && !IsWorkingDay(LocalDate(start)))
        {
            start = Add(start, TimeSpan.Zero);
        }

        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var date = WorkingDayAfter(DateOnly.FromDateTime(local.DateTime), days);
        return ToUtc(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)));
    }

    /// <summary>
    /// The close (the end of the last working span) of the <paramref name="days"/>-th working day after the start's local
    /// date: "by the end of the next working day" (Monday at 10:00 is due Tuesday at the close, Friday Monday at the close).
    /// A start on a day off counts from that day as well: Saturday's next working day is Monday. With no days, the close of
    /// the working day the start is in (or the next one's, on a day off or after the close).
    /// </summary>
    public DateTimeOffset CloseOfBusinessDays(DateTimeOffset start, int days) =>
        days > 0 ? WorkingIntervals(WorkingDayAfter(LocalDate(start), days))[^1].To : CloseAtOrAfter(start);

    /// <summary>
    /// The first close of a working day (the end of its last span) at or after <paramref name="at"/>: an instant within a
    /// working day gets the rest of that day; an instant at a close is that close.
    /// </summary>
    public DateTimeOffset CloseAtOrAfter(DateTimeOffset at)
    {
        var date = LocalDate(at).AddDays(-1);
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(1))
        {
            var intervals = WorkingIntervals(date);
            if (intervals.Length > 0 && intervals[^1].To >= at)
            {
                return intervals[^1].To;
            }
        }

        throw new InvalidOperationException($"Calendar {Name} has no working time within {MaxDays} days of {at:O}");
    }

    /// <summary>
    /// The close of the last working day before <paramref name="date"/> (the end of its last span): when whoever works
    /// this calendar last left before that date. On an always-open calendar, the date's midnight.
    /// </summary>
    public DateTimeOffset LastCloseBefore(DateOnly date)
    {
        var day = date.AddDays(-1);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(-1))
        {
            var intervals = WorkingIntervals(day);
            if (intervals.Length > 0)
            {
                return intervals[^1].To;
            }
        }

        throw new InvalidOperationException($"Calendar {Name} has no working time within {MaxDays} days before {date:yyyy-MM-dd}");
    }

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="date"/> (the date itself for none).</summary>
    private DateOnly WorkingDayAfter(DateOnly date, int days)
    {
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>Local calendar date of an instant in this calendar's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The date's working spans as instants; computed once per date (time-zone rules are the costly part).</summary>
    private (DateTimeOffset From, DateTimeOffset To)[] WorkingIntervals(DateOnly date) =>
        _intervals.TryGetValue(date, out var known) ? known : _intervals.GetOrAdd(date, ComputeIntervals(date));

    private (DateTimeOffset From, DateTimeOffset To)[] ComputeIntervals(DateOnly date)
    {
        if (Holidays.Contains(date))
        {
            return [];
        }

        var day = date.ToDateTime(TimeOnly.MinValue);
        var spans = _spans[(int)date.DayOfWeek];
        var intervals = new (DateTimeOffset From, DateTimeOffset To)[spans.Length];
        for (var i = 0; i < intervals.Length; i++)
        {
            intervals[i] = (ToUtc(day + spans[i].Start), ToUtc(day + spans[i].End));
        }

        return intervals;
    }

    /// <summary>
    /// Local wall time to an instant. A time skipped by a DST change moves forward past the gap; a repeated time
    /// takes its first occurrence.
    /// </summary>
    internal DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
