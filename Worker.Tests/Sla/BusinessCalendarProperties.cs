using FsCheck;
using FsCheck.Xunit;
using SfBridge.Sla;

namespace SfBridge.Tests.Sla;

/// <summary>Calendar arithmetic laws, checked on random instants over two years and durations up to 300 hours.</summary>
public sealed class BusinessCalendarProperties
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<BusinessCalendar> Calendars => [CalendarFixtures.SpecialService, CalendarFixtures.NewYorkWithSundays];

    private static DateTimeOffset Instant(NonNegativeInt minutes) => Origin.AddMinutes(minutes.Get % (2 * 366 * 24 * 60));

    private static TimeSpan Duration(PositiveInt minutes) => TimeSpan.FromMinutes(minutes.Get % (300 * 60) + 1);

    [Property(MaxTest = 300)]
    public bool Elapsed_UntilAdd_GivesBackTheDuration(NonNegativeInt start, PositiveInt duration) =>
        Calendars.All(c => c.Elapsed(Instant(start), c.Add(Instant(start), Duration(duration))) == Duration(duration));

    [Property(MaxTest = 300)]
    public bool Add_InTwoSteps_EqualsAddInOne(NonNegativeInt start, PositiveInt first, PositiveInt second) =>
        Calendars.All(c => c.Add(c.Add(Instant(start), Duration(first)), Duration(second)) == c.Add(Instant(start), Duration(first) + Duration(second)));

    [Property(MaxTest = 300)]
    public bool Elapsed_IsAdditiveAndNeverExceedsWallClock(NonNegativeInt a, NonNegativeInt b, NonNegativeInt c)
    {
        var points = new[] { Instant(a), Instant(b), Instant(c) }.Order().ToArray();
        return Calendars.All(cal =>
            cal.Elapsed(points[0], points[2]) == cal.Elapsed(points[0], points[1]) + cal.Elapsed(points[1], points[2]) &&
            cal.Elapsed(points[0], points[2]) <= points[2] - points[0]);
    }

    [Property(MaxTest = 300)]
    public bool Add_IsMonotonicAndNeverEarlierThanWallClock(NonNegativeInt start, PositiveInt shorter, PositiveInt extra) =>
        Calendars.All(c =>
            c.Add(Instant(start), Duration(shorter)) <= c.Add(Instant(start), Duration(shorter) + Duration(extra)) &&
            c.Add(Instant(start), Duration(shorter)) >= Instant(start) + Duration(shorter));
}
