using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

public sealed class BusinessCalendarTests
{
    [Fact]
    public void Add_AcrossLunch_SkipsTheBreak()
    {
        var due = SpecialService.Add(SaoPauloTime(2026, 3, 2, 11, 0), TimeSpan.FromHours(2));

        Assert.Equal(SaoPauloTime(2026, 3, 2, 14, 30), due); // 1h until 12:00, then 1h from 13:30
    }

    [Fact]
    public void Add_StartingDuringLunch_CountsFromTheAfternoon()
    {
        var due = SpecialService.Add(SaoPauloTime(2026, 3, 2, 12, 40), TimeSpan.FromMinutes(30));

        Assert.Equal(SaoPauloTime(2026, 3, 2, 14, 0), due);
    }

    [Fact]
    public void Add_AcrossTheWeekend_ResumesMonday()
    {
        var due = SpecialService.Add(SaoPauloTime(2026, 3, 6, 17, 0), TimeSpan.FromHours(2)); // Friday

        Assert.Equal(SaoPauloTime(2026, 3, 9, 9, 30), due);
    }

    [Fact]
    public void Add_AcrossCarnival_SkipsBothHolidays()
    {
        var due = SpecialService.Add(SaoPauloTime(2026, 2, 13, 17, 0), TimeSpan.FromHours(2)); // Friday before Carnival

        Assert.Equal(SaoPauloTime(2026, 2, 18, 9, 30), due); // Mon 16 and Tue 17 are holidays
    }

    [Fact]
    public void Add_LandingExactlyOnLunch_EndsAtNoon()
    {
        var due = SpecialService.Add(SaoPauloTime(2026, 3, 2, 8, 30), TimeSpan.FromHours(3.5));

        Assert.Equal(SaoPauloTime(2026, 3, 2, 12, 0), due);
    }

    [Fact]
    public void Elapsed_OverAWeekWithAHoliday_CountsOnlyWorkingTime()
    {
        var elapsed = SpecialService.Elapsed(SaoPauloTime(2026, 4, 20, 8, 0), SaoPauloTime(2026, 4, 27, 8, 0));

        Assert.Equal(TimeSpan.FromHours(4 * 8), elapsed); // Mon-Fri minus Tiradentes (Tue), 8h a day
    }

    [Fact]
    public void Elapsed_SpringForwardSunday_Is23Hours()
    {
        var elapsed = NewYorkWithSundays.Elapsed(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(-4)));

        Assert.Equal(TimeSpan.FromHours(23), elapsed);
    }

    [Fact]
    public void Elapsed_FallBackSunday_Is25Hours()
    {
        var elapsed = NewYorkWithSundays.Elapsed(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(-5)));

        Assert.Equal(TimeSpan.FromHours(25), elapsed);
    }

    [Fact]
    public void Add_WeekdayHoursAcrossDstChange_KeepLocalOpeningTimes()
    {
        var due = NewYorkWithSundays.Add(new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.FromHours(-5)), TimeSpan.FromHours(25)); // Fri 17:00 EST

        // 1h Friday, 24h of Sunday (only 23 real hours: DST), 1h... -> Monday 09:00 EDT
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(-4)), due);
    }

    [Fact]
    public void AddBusinessDays_FromFridayAfternoon_IsMondaySameTime()
    {
        Assert.Equal(SaoPauloTime(2026, 3, 9, 17, 0), SpecialService.AddBusinessDays(SaoPauloTime(2026, 3, 6, 17, 0), 1));
        Assert.Equal(SaoPauloTime(2026, 2, 18, 10, 0), SpecialService.AddBusinessDays(SaoPauloTime(2026, 2, 13, 10, 0), 1)); // over Carnival
    }

    [Fact]
    public void AddBusinessDays_FromADayOff_CountsFromTheNextOpening()
    {
        Assert.Equal(SaoPauloTime(2026, 3, 10, 8, 30), SpecialService.AddBusinessDays(SaoPauloTime(2026, 3, 7, 8, 0), 1)); // Saturday morning
        Assert.Equal(SaoPauloTime(2026, 3, 10, 8, 30), SpecialService.AddBusinessDays(SaoPauloTime(2026, 3, 8, 23, 0), 1)); // Sunday night
        Assert.Equal(SaoPauloTime(2026, 4, 23, 8, 30), SpecialService.AddBusinessDays(SaoPauloTime(2026, 4, 21, 15, 0), 1)); // Tiradentes
        Assert.Equal(SaoPauloTime(2026, 3, 4, 19, 0), SpecialService.AddBusinessDays(SaoPauloTime(2026, 3, 3, 19, 0), 1)); // a weekday evening keeps its hour
    }

    [Fact]
    public void IsOpen_LunchWeekendHoliday_AreClosed()
    {
        Assert.True(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 9, 0)));
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 12, 30)));
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 3, 7, 10, 0)));
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 4, 21, 10, 0)));
        Assert.True(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 17, 59)));
        Assert.False(SpecialService.IsOpen(SaoPauloTime(2026, 3, 2, 18, 0)));
    }

    [Theory]
    [InlineData("30m", 0, 30, 0)]
    [InlineData("1h", 1, 0, 0)]
    [InlineData("2h30m", 2, 30, 0)]
    [InlineData("10d", 240, 0, 0)]
    [InlineData("1bd", 0, 0, 1)]
    public void SlaTarget_Parse_ReadsAdminNotation(string text, int hours, int minutes, int businessDays)
    {
        Assert.True(SlaTarget.TryParse(text, out var target));
        Assert.Equal(TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes), target.Duration);
        Assert.Equal(businessDays, target.BusinessDays);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 hora")]
    [InlineData("0m")]
    [InlineData("h")]
    [InlineData("-1h")]
    [InlineData("0bd")]
    public void SlaTarget_Parse_RejectsNonsense(string text) => Assert.False(SlaTarget.TryParse(text, out _));
}
