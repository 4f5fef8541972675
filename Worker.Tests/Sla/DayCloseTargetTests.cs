using SfBridge.Audit;
using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

/// <summary>
/// Targets read to a day's close (SS-03's "até 7 dias após a data de abertura", PRO-02's "uma vez ao dia"): due at the
/// close of the N-th working day after the start's local date, not at the start's time of day; pauses push them by their
/// working time, and the day they land on is given whole.
/// </summary>
public sealed class DayCloseTargetTests
{
    private static readonly BusinessCalendar AlwaysOpen = BusinessCalendar.AlwaysOpen(SaoPaulo);

    private static SlaTarget Target(string text) => SlaTarget.TryParse(text, out var t) ? t.ToDayClose() : throw new ArgumentException(text);

    [Fact]
    public void SevenDaysOn24x7_AreDueAtTheMidnightThatEndsTheSeventhDayAfterTheStartsDate()
    {
        Assert.Equal(SaoPauloTime(2026, 3, 10, 0), Target("7d").DueFrom(AlwaysOpen, SaoPauloTime(2026, 3, 2, 9)));
        Assert.Equal(SaoPauloTime(2026, 3, 10, 0), Target("7d").DueFrom(AlwaysOpen, SaoPauloTime(2026, 3, 2, 0)));
        Assert.Equal(SaoPauloTime(2026, 3, 10, 0), Target("7d").DueFrom(AlwaysOpen, SaoPauloTime(2026, 3, 2, 23, 59)));
    }

    [Fact]
    public void DaysOn24x7_AreLocalDays_AcrossADstChange()
    {
        // New York springs forward on Sunday 8 March 2026: seven days after Thursday 5 March end at the local midnight that
        // ends the 12th (EDT), not an hour later as 168 hours from the end of the 5th would.
        var newYork = BusinessCalendar.AlwaysOpen(NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.FromHours(-4)), Target("7d").DueFrom(newYork, new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Theory]
    [InlineData(2, 10, 3)] // Monday 10:00: Tuesday's close
    [InlineData(2, 7, 3)] // before the opening, still Monday's: Tuesday's close
    [InlineData(2, 20, 3)] // after the close, still Monday's: Tuesday's close
    [InlineData(6, 17, 9)] // Friday: Monday's close
    [InlineData(7, 10, 9)] // Saturday: its next working day is Monday
    [InlineData(8, 10, 9)] // Sunday: Monday
    public void OneBusinessDay_IsDueAtTheCloseOfTheNextWorkingDay(int day, int hour, int dueDay)
    {
        Assert.Equal(SaoPauloTime(2026, 3, dueDay, 18), Target("1bd").DueFrom(SpecialService, SaoPauloTime(2026, 3, day, hour)));
    }

    [Fact]
    public void BusinessDays_SkipHolidays()
    {
        // Tiradentes (Tuesday 21 April) is off: Monday's contact is due at Wednesday's close.
        Assert.Equal(SaoPauloTime(2026, 4, 22, 18), Target("1bd").DueFrom(SpecialService, SaoPauloTime(2026, 4, 20, 10)));
        Assert.Equal(SaoPauloTime(2026, 4, 23, 18), Target("2bd").DueFrom(SpecialService, SaoPauloTime(2026, 4, 20, 10)));
    }

    [Fact]
    public void ATargetOfHoursOrMinutes_StaysWorkingTime()
    {
        Assert.Equal(SlaTarget.FromDuration(TimeSpan.FromHours(36)), SlaTarget.FromDuration(TimeSpan.FromHours(36)).ToDayClose());
        Assert.False(SlaTarget.FromDuration(TimeSpan.FromMinutes(30)).ToDayClose().DayClose);
        Assert.True(Target("7d").DayClose);
        Assert.Equal("7 dias", Target("7d").Describe());
        Assert.Equal("1 dia útil", Target("1bd").Describe());
    }

    [Fact]
    public void Clock_IsDueAtTheClose_NotBreachedAtIt_BreachedTheMillisecondAfter()
    {
        var clock = new SlaClock(SpecialService, Target("1bd"), 0.8);
        var monday10 = SaoPauloTime(2026, 3, 2, 10);

        var atClose = clock.Measure(monday10, null, [], SaoPauloTime(2026, 3, 3, 18));
        var after = clock.Measure(monday10, null, [], SaoPauloTime(2026, 3, 3, 18).AddMilliseconds(1));

        Assert.Equal(SaoPauloTime(2026, 3, 3, 18), atClose.DueAt);
        Assert.Equal(ClockStatus.Running, atClose.Status);
        Assert.Equal(ClockStatus.Breached, after.Status);
        Assert.Equal(TimeSpan.FromHours(14.5), atClose.Allowed); // Monday 10:00-18:00 less lunch, and Tuesday whole
    }

    [Fact]
    public void APause_PushesItByItsWorkingTime_ToTheCloseOfTheDayItLandsOn()
    {
        // Monday 10:00, paused Monday 11:00 until Thursday 09:00: 1 of the 14.5 hours used, the 13.5 left from Thursday 09:00
        // end on Friday at 16:00 (lunches skipped); that day is given whole, to its close.
        var clock = new SlaClock(SpecialService, Target("1bd"), 0.8);
        var closed = new Interval(SaoPauloTime(2026, 3, 2, 11), SaoPauloTime(2026, 3, 5, 9));

        var friday = clock.Measure(SaoPauloTime(2026, 3, 2, 10), null, [closed], SaoPauloTime(2026, 3, 6, 17));
        var late = clock.Measure(SaoPauloTime(2026, 3, 2, 10), null, [closed], SaoPauloTime(2026, 3, 6, 18, 1));

        Assert.Equal(SaoPauloTime(2026, 3, 6, 18), friday.DueAt);
        Assert.Equal(ClockStatus.Running, friday.Status);
        Assert.Equal(ClockStatus.Breached, late.Status);
        // The working time it allows is the rest of Friday too (2 more hours), so the bar of explain and the report does not
        // show a clock that is within its time as late.
        Assert.Equal(TimeSpan.FromHours(16.5), friday.Allowed);
        Assert.Equal(TimeSpan.FromHours(15.5), friday.Elapsed);
        var bar = ClockBar.Of(new ClockMeasurement(clock, SaoPauloTime(2026, 3, 2, 10), null, [closed], friday), SaoPauloTime(2026, 3, 6, 17));
        Assert.Equal(TimeSpan.Zero, bar.Overdue);
        Assert.Equal(TimeSpan.FromHours(1), bar.Remaining);
    }

    [Fact]
    public void APauseOn24x7_PushesSevenDaysToTheEndOfTheDayTheyLandOn()
    {
        // Opened Monday 2 March 09:00, closed at 15:00 and reopened two weeks later at 10:00: 6 of the 183 hours to the
        // end of 9 March were used; the 177 left end on 23 March at 19:00, and that day is given whole.
        var clock = new SlaClock(AlwaysOpen, Target("7d"), 0.8);
        var closed = new Interval(SaoPauloTime(2026, 3, 2, 15), SaoPauloTime(2026, 3, 16, 10));

        var result = clock.Measure(SaoPauloTime(2026, 3, 2, 9), null, [closed], SaoPauloTime(2026, 3, 23, 20));

        Assert.Equal(SaoPauloTime(2026, 3, 24, 0), result.DueAt);
        Assert.Equal(ClockStatus.Running, result.Status);
    }

    [Fact]
    public void StoppedOnTheStartsOwnDay_IsMet()
    {
        var clock = new SlaClock(AlwaysOpen, Target("7d"), 0.8);

        var result = clock.Measure(SaoPauloTime(2026, 3, 2, 9), SaoPauloTime(2026, 3, 2, 17), [], SaoPauloTime(2026, 3, 20, 9));

        Assert.Equal(ClockStatus.Met, result.Status);
        Assert.False(result.Over);
    }

    [Theory]
    [InlineData(3, 10, 0, 3, 18)] // within a working span: that day's close
    [InlineData(3, 12, 30, 3, 18)] // at lunch: that day's close
    [InlineData(3, 18, 0, 3, 18)] // at the close: itself
    [InlineData(3, 19, 0, 4, 18)] // after the close: the next working day's
    [InlineData(6, 19, 0, 9, 18)] // Friday evening: Monday's
    public void CloseAtOrAfter_IsTheFirstCloseOfAWorkingDayNotBeforeTheInstant(int day, int hour, int minute, int closeDay, int closeHour)
    {
        Assert.Equal(SaoPauloTime(2026, 3, closeDay, closeHour), SpecialService.CloseAtOrAfter(SaoPauloTime(2026, 3, day, hour, minute)));
    }

    [Fact]
    public void CloseAtOrAfter_On24x7_IsTheNextMidnight_OrTheInstantAtAMidnight()
    {
        Assert.Equal(SaoPauloTime(2026, 3, 4, 0), AlwaysOpen.CloseAtOrAfter(SaoPauloTime(2026, 3, 3, 0, 1)));
        Assert.Equal(SaoPauloTime(2026, 3, 4, 0), AlwaysOpen.CloseAtOrAfter(SaoPauloTime(2026, 3, 4, 0)));
    }
}
