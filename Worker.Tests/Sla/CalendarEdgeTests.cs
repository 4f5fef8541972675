using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

/// <summary>The edges of working time: opening and closing instants, days off, 24x7 calendars and DST changes.</summary>
public sealed class CalendarEdgeTests
{
    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static Dictionary<DayOfWeek, IReadOnlyList<WorkSpan>> Days(IEnumerable<DayOfWeek> days, params WorkSpan[] spans) =>
        days.ToDictionary(d => d, _ => (IReadOnlyList<WorkSpan>)spans);

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void HolidaySet_CountryCode_IsReadInAnyCase()
    {
        var set = new HolidaySet("br", [], []);

        Assert.Equal("BR", set.Country);
        Assert.False(set.IsEmpty);
        Assert.True(set.Contains(new DateOnly(2027, 9, 7))); // Independência
        Assert.False(set.Contains(new DateOnly(2027, 9, 8)));
    }

    [Fact]
    public void HolidaySet_UnknownCountry_IsRefusedNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HolidaySet("AR", [], []));

        Assert.Contains("'AR'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("known: BR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HolidaySet_EmptyCountry_MeansNoNationalHolidays()
    {
        var set = new HolidaySet("", [], []);

        Assert.Null(set.Country);
        Assert.True(set.IsEmpty);
        Assert.True(HolidaySet.None.IsEmpty);
        Assert.False(set.Contains(new DateOnly(2027, 9, 7)));
    }

    [Fact]
    public void HolidaySet_AnnualDay_RecursEveryYear_ButIsNoYearsHolidays()
    {
        var set = new HolidaySet(null, [], [(11, 20)]);

        Assert.False(set.IsEmpty);
        Assert.True(set.Contains(new DateOnly(2031, 11, 20)));
        Assert.False(set.Contains(new DateOnly(2031, 11, 21)));
        Assert.False(set.Contains(new DateOnly(2031, 9, 7)));
        // A day that recurs says nothing of the year's movable feasts (Carnaval, Good Friday, Corpus Christi).
        Assert.False(set.Covers(new DateOnly(2026, 1, 1), new DateOnly(2040, 1, 1)));
    }

    [Fact]
    public void HolidaySet_SingleDates_CoverOnlyTheYearsTheyName()
    {
        var set = new HolidaySet(null, [new DateOnly(2026, 12, 25), new DateOnly(2028, 12, 25)], []);

        Assert.False(set.IsEmpty);
        Assert.True(set.Contains(new DateOnly(2026, 12, 25)));
        Assert.False(set.Contains(new DateOnly(2027, 12, 25)));
        Assert.True(set.Covers(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.False(set.Covers(new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31))); // 2027 has none
        Assert.False(set.Covers(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)));
        Assert.True(set.Covers(new DateOnly(2028, 1, 1), new DateOnly(2028, 6, 30)));
    }

    [Fact]
    public void Calendar_WithoutAnyWorkingSpan_IsRefusedNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessCalendar("vazio", SaoPaulo, new Dictionary<DayOfWeek, IReadOnlyList<WorkSpan>>(), []));

        Assert.Equal("Calendar vazio has no working time", ex.Message);
    }

    [Fact]
    public void Calendar_SpansGivenAfternoonFirst_AreStillReadInOrder()
    {
        var calendar = new BusinessCalendar("ss", SaoPaulo, Days(Weekdays, new WorkSpan(H(13.5), H(18)), new WorkSpan(H(8.5), H(12))), []);

        Assert.Equal(SaoPauloTime(2026, 3, 2, 14, 30), calendar.Add(SaoPauloTime(2026, 3, 2, 11, 0), H(2)));
        Assert.Equal(SaoPauloTime(2026, 3, 2, 9, 30), calendar.Add(SaoPauloTime(2026, 3, 2, 8, 0), H(1)));
    }

    [Fact]
    public void IsOpen_OpeningInstantIsOpen_ClosingInstantIsNot()
    {
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 8, 30).AddTicks(-1)));
        Assert.True(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 8, 30)));
        Assert.True(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 12, 0).AddTicks(-1)));
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 12, 0)));
        Assert.True(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 13, 30)));
    }

    [Fact]
    public void Add_NothingFromTheClosingInstant_IsTheNextOpening()
    {
        // What an alert held off-shift waits for: at 18:00 on Friday the next working instant is Monday 08:30.
        Assert.Equal(SaoPauloTime(2026, 3, 9, 8, 30), SpecialService.Add(SaoPauloTime(2026, 3, 6, 18, 0), TimeSpan.Zero));
        Assert.Equal(SaoPauloTime(2026, 3, 2, 13, 30), SpecialService.Add(SaoPauloTime(2026, 3, 2, 12, 0), TimeSpan.Zero));
        Assert.Equal(SaoPauloTime(2026, 3, 2, 9, 0), SpecialService.Add(SaoPauloTime(2026, 3, 2, 9, 0), TimeSpan.Zero));
    }

    [Fact]
    public void IsWorkingDay_WeekendAndHolidayAreNot()
    {
        Assert.True(SpecialService.IsWorkingDay(new DateOnly(2026, 4, 20)));
        Assert.False(SpecialService.IsWorkingDay(new DateOnly(2026, 4, 21))); // Tiradentes
        Assert.False(SpecialService.IsWorkingDay(new DateOnly(2026, 4, 25))); // Saturday
    }

    [Fact]
    public void Elapsed_BackwardsOrEmpty_IsZero_AndLunchDoesNotCount()
    {
        var nine = SaoPauloTime(2026, 3, 2, 9, 0);

        Assert.Equal(TimeSpan.Zero, SpecialService.Elapsed(nine, nine));
        Assert.Equal(TimeSpan.Zero, SpecialService.Elapsed(nine, nine.AddHours(-5)));
        Assert.Equal(TimeSpan.FromMinutes(30), SpecialService.Elapsed(SaoPauloTime(2026, 3, 2, 12, 15), SaoPauloTime(2026, 3, 2, 14, 0)));
        Assert.Equal(H(9), SpecialService.Elapsed(SaoPauloTime(2026, 3, 1, 12, 0), SaoPauloTime(2026, 3, 3, 9, 30))); // Sunday noon to Tuesday
    }

    [Fact]
    public void AlwaysOpen_IsPlainWallClock_AtAnyHour()
    {
        var calendar = BusinessCalendar.AlwaysOpen(SaoPaulo);
        var sunday3am = SaoPauloTime(2026, 3, 8, 3, 0);

        Assert.Equal(BusinessCalendar.AlwaysOpenName, calendar.Name);
        Assert.True(calendar.IsAlwaysOpen);
        Assert.True(calendar.IsOpen(sunday3am));
        Assert.Equal(sunday3am.AddHours(30), calendar.Add(sunday3am, H(30)));
        Assert.Equal(H(30), calendar.Elapsed(sunday3am, sunday3am.AddHours(30)));
        Assert.Equal(TimeSpan.Zero, calendar.Elapsed(sunday3am, sunday3am.AddHours(-1)));
    }

    [Fact]
    public void RoundTheClock_WithAHoliday_IsNotWallClock()
    {
        var calendar = new BusinessCalendar("24x7-feriados", SaoPaulo, Days(Enum.GetValues<DayOfWeek>(), new WorkSpan(TimeSpan.Zero, TimeSpan.FromDays(1))),
            [new DateOnly(2026, 4, 21)]);

        Assert.False(calendar.IsAlwaysOpen);
        Assert.False(calendar.IsOpen(SaoPauloTime(2026, 4, 21, 10, 0)));
        Assert.True(calendar.IsOpen(SaoPauloTime(2026, 4, 22, 0, 0)));
        Assert.Equal(H(24), calendar.Elapsed(SaoPauloTime(2026, 4, 20, 12, 0), SaoPauloTime(2026, 4, 22, 12, 0)));
        Assert.Equal(SaoPauloTime(2026, 4, 22, 12, 0), calendar.Add(SaoPauloTime(2026, 4, 20, 12, 0), H(24)));
    }

    [Fact]
    public void RoundTheClock_SixDaysAWeek_IsNotWallClock()
    {
        var calendar = new BusinessCalendar("24x6", SaoPaulo, Days(Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday), new WorkSpan(TimeSpan.Zero, TimeSpan.FromDays(1))), []);

        Assert.False(calendar.IsAlwaysOpen);
        Assert.False(calendar.IsOpen(SaoPauloTime(2026, 3, 8, 10, 0)));
        Assert.Equal(H(24), calendar.Elapsed(SaoPauloTime(2026, 3, 7, 12, 0), SaoPauloTime(2026, 3, 9, 12, 0)));
    }

    [Fact]
    public void RoundTheClock_WithALunchBreak_IsNotWallClock()
    {
        var calendar = new BusinessCalendar("24x7-almoco", SaoPaulo, Days(Enum.GetValues<DayOfWeek>(), new WorkSpan(TimeSpan.Zero, H(12)), new WorkSpan(H(13), TimeSpan.FromDays(1))), []);

        Assert.False(calendar.IsAlwaysOpen);
        Assert.False(calendar.IsOpen(SaoPauloTime(2026, 3, 8, 12, 30)));
    }

    [Fact]
    public void AddBusinessDays_Zero_IsTheStart_AndTwoSkipAHoliday()
    {
        var monday = SaoPauloTime(2026, 4, 20, 10, 0);

        Assert.Equal(monday, SpecialService.AddBusinessDays(monday, 0));
        Assert.Equal(SaoPauloTime(2026, 4, 22, 10, 0), SpecialService.AddBusinessDays(monday, 1)); // Tuesday 21 is Tiradentes
        Assert.Equal(SaoPauloTime(2026, 4, 23, 10, 0), SpecialService.AddBusinessDays(monday, 2));
    }

    [Fact]
    public void LocalDate_IsTheDateInTheCalendarsZone()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), SpecialService.LocalDate(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 3), SpecialService.LocalDate(new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Span_OpeningInsideTheSpringForwardGap_OpensWhenTheClocksResume()
    {
        // 8 March 2026 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 never happens that day.
        var calendar = new BusinessCalendar("madrugada", NewYork, Days([DayOfWeek.Sunday], new WorkSpan(H(2.5), H(5))), []);
        var day = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), calendar.Add(day, TimeSpan.Zero));
        Assert.Equal(H(2), calendar.Elapsed(day, day.AddDays(1)));
    }

    [Fact]
    public void Span_OpeningInTheRepeatedFallBackHour_OpensAtItsFirstOccurrence()
    {
        // 1 November 2026 in New York: 01:00-02:00 happens twice (EDT, then EST).
        var calendar = new BusinessCalendar("madrugada", NewYork, Days([DayOfWeek.Sunday], new WorkSpan(H(1.5), H(3))), []);
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4)), calendar.Add(day, TimeSpan.Zero));
        Assert.Equal(H(2.5), calendar.Elapsed(day, day.AddDays(1)));
    }

    [Fact]
    public void Add_WithNoWorkingTimeForTenYears_StopsWithAClearError()
    {
        var mondays = Enumerable.Range(0, 3800).Select(i => new DateOnly(2026, 3, 2).AddDays(i)).Where(d => d.DayOfWeek == DayOfWeek.Monday);
        var calendar = new BusinessCalendar("segundas", SaoPaulo, Days([DayOfWeek.Monday], new WorkSpan(H(9), H(10))), mondays);

        var ex = Assert.Throws<InvalidOperationException>(() => calendar.Add(SaoPauloTime(2026, 3, 2, 8, 0), H(1)));

        Assert.StartsWith("Calendar segundas has no working time within 3700 days of 2026-03-02T08:00:00", ex.Message, StringComparison.Ordinal);
    }
}
