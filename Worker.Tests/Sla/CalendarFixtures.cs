using SfBridge.Sla;

namespace SfBridge.Tests.Sla;

/// <summary>Calendars used across the SLA tests, built the way mappings/calendars.csv builds them.</summary>
public static class CalendarFixtures
{
    public static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Special Service: Mon-Fri 08:30-12:00 and 13:30-18:00, Carnival and Tiradentes off.</summary>
    public static BusinessCalendar SpecialService { get; } = new("special_service", SaoPaulo, Weekdays(new WorkSpan(H(8.5), H(12)), new WorkSpan(H(13.5), H(18))),
        [new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 17), new DateOnly(2026, 4, 21)]);

    /// <summary>New York Mon-Fri 08:00-18:00 plus all of Sunday, to cross the 23- and 25-hour DST days.</summary>
    public static BusinessCalendar NewYorkWithSundays { get; } = new("ny", NewYork,
        Weekdays(new WorkSpan(H(8), H(18))).Append(new KeyValuePair<DayOfWeek, IReadOnlyList<WorkSpan>>(DayOfWeek.Sunday, [new WorkSpan(TimeSpan.Zero, TimeSpan.FromDays(1))]))
            .ToDictionary(p => p.Key, p => p.Value), []);

    public static DateTimeOffset SaoPauloTime(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(-3));

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static Dictionary<DayOfWeek, IReadOnlyList<WorkSpan>> Weekdays(params WorkSpan[] spans) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkSpan>)spans);
}
