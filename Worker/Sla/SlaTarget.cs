using System.Globalization;
using System.Text.RegularExpressions;

namespace SfBridge.Sla;

/// <summary>
/// A target as admins write it: working time (<c>30m</c>, <c>1h</c>, <c>2h30m</c>, <c>10d</c> = 240 h on a 24x7
/// calendar) or business days (<c>1bd</c>: the same local time on the next working day). A rule whose manual counts
/// whole days from a date reads its target to a day's close instead (<see cref="ToDayClose"/>).
/// </summary>
public readonly partial record struct SlaTarget(TimeSpan Duration, int BusinessDays)
{
    public bool IsBusinessDays => BusinessDays > 0;

    /// <summary>
    /// The target's days end at the close of a day (<see cref="ToDayClose"/>): due at the close of the N-th working day after
    /// the start's local date (on 24x7, the midnight that ends it), not at the start's time of day N days later.
    /// </summary>
    public bool DayClose { get; init; }

    /// <summary>Whole days: business days, or a duration of whole days (<c>7d</c>).</summary>
    public bool IsWholeDays => IsBusinessDays || (Duration > TimeSpan.Zero && Duration.Ticks % TimeSpan.TicksPerDay == 0);

    /// <summary>
    /// The target read as days that end at a day's close ("até 7 dias após a data de abertura", "uma vez ao dia"): a target in
    /// whole days becomes one; any other (hours, minutes) is working time as written.
    /// </summary>
    public SlaTarget ToDayClose() => IsWholeDays ? this with { DayClose = true } : this;

    /// <summary>
    /// The target promises an instant on the calendar (business days, a day's close) rather than an amount of working time:
    /// as working time it is what lies between the start and that instant.
    /// </summary>
    public bool IsPromise => IsBusinessDays || DayClose;

    public static SlaTarget FromDuration(TimeSpan duration) => new(duration, 0);

    public static bool TryParse(string? text, out SlaTarget target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        var bd = BusinessDaysPattern().Match(t);
        if (bd.Success)
        {
            target = new SlaTarget(TimeSpan.Zero, int.Parse(bd.Groups[1].Value, CultureInfo.InvariantCulture));
            return target.BusinessDays > 0;
        }

        var m = DurationPattern().Match(t);
        if (!m.Success || m.Length == 0 || !(m.Groups[1].Success || m.Groups[2].Success || m.Groups[3].Success))
        {
            return false;
        }

        var duration = TimeSpan.FromDays(Part(m, 1)) + TimeSpan.FromHours(Part(m, 2)) + TimeSpan.FromMinutes(Part(m, 3));
        target = FromDuration(duration);
        return duration > TimeSpan.Zero;
    }

    /// <summary>When the target is reached for a clock that started at <paramref name="start"/> and never paused.</summary>
    public DateTimeOffset DueFrom(BusinessCalendar calendar, DateTimeOffset start) =>
        DayClose ? calendar.CloseOfBusinessDays(start, IsBusinessDays ? BusinessDays : Duration.Days)
        : IsBusinessDays ? calendar.AddBusinessDays(start, BusinessDays)
        : calendar.Add(start, Duration);

    public override string ToString()
    {
        if (IsBusinessDays)
        {
            return BusinessDays + "bd";
        }

        var d = Duration;
        return (d.Days > 0 ? d.Days + "d" : "") + (d.Hours > 0 ? d.Hours + "h" : "") + (d.Minutes > 0 ? d.Minutes + "m" : "");
    }

    /// <summary>The target as a person reads it in an alert: "10 minutos", "1 hora e 30 minutos", "2 dias úteis", "7 dias".</summary>
    public string Describe() =>
        Descriptions.TryGetValue(this, out var known) ? known : Descriptions.Count < MaxDescribed ? Descriptions.GetOrAdd(this, static t => t.Compose()) : Compose();

    // Most targets come from the mapping files, a handful of values each described once; a time a message promises
    // (BIL-01) can be any, so the cache stops growing at this many and the rest are written each time.
    private const int MaxDescribed = 256;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SlaTarget, string> Descriptions = new();

    private string Compose()
    {
        if (IsBusinessDays)
        {
            return BusinessDays == 1 ? "1 dia útil" : $"{BusinessDays} dias úteis";
        }

        var parts = new List<string>(3);
        var d = Duration;
        if (d.Days > 0 && d.Hours == 0 && d.Minutes == 0)
        {
            return d.Days == 1 ? "1 dia" : $"{d.Days} dias";
        }

        var hours = (int)d.TotalHours;
        if (hours > 0)
        {
            parts.Add(hours == 1 ? "1 hora" : $"{hours} horas");
        }

        if (d.Minutes > 0)
        {
            parts.Add(d.Minutes == 1 ? "1 minuto" : $"{d.Minutes} minutos");
        }

        return string.Join(" e ", parts);
    }

    private static int Part(Match m, int group) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(\d{1,3})bd$")]
    private static partial Regex BusinessDaysPattern();

    [GeneratedRegex(@"^(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m)?$")]
    private static partial Regex DurationPattern();
}
