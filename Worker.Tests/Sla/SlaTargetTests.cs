using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

/// <summary>Targets as admins write them in rules.csv and as alerts read them out.</summary>
public sealed class SlaTargetTests
{
    [Theory]
    [InlineData("  1H30M ", 90)]
    [InlineData("1d2h3m", (24 * 60) + 120 + 3)]
    [InlineData("1d", 24 * 60)]
    [InlineData("45m", 45)]
    public void TryParse_IgnoresCaseAndSurroundingSpaces(string text, int minutes)
    {
        Assert.True(SlaTarget.TryParse(text, out var target));
        Assert.Equal(TimeSpan.FromMinutes(minutes), target.Duration);
        Assert.False(target.IsBusinessDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("2 bd")]
    [InlineData("1h 30m")]
    [InlineData("1bdx")]
    public void TryParse_RejectsBlankAndMalformed(string? text)
    {
        Assert.False(SlaTarget.TryParse(text, out var target));
        Assert.Equal(default, target);
    }

    [Fact]
    public void TryParse_BusinessDays_AreNotAWorkingDuration()
    {
        Assert.True(SlaTarget.TryParse(" 2BD ", out var target));

        Assert.True(target.IsBusinessDays);
        Assert.Equal(2, target.BusinessDays);
        Assert.Equal(TimeSpan.Zero, target.Duration);
    }

    [Theory]
    [InlineData("1bd", "1bd")]
    [InlineData("3bd", "3bd")]
    [InlineData("10d", "10d")]
    [InlineData("2h30m", "2h30m")]
    [InlineData("1d2h3m", "1d2h3m")]
    [InlineData("45m", "45m")]
    [InlineData("4h", "4h")]
    public void ToString_WritesTheAdminNotationBack(string text, string expected)
    {
        Assert.True(SlaTarget.TryParse(text, out var target));

        Assert.Equal(expected, target.ToString());
    }

    [Theory]
    [InlineData("1bd", "1 dia útil")]
    [InlineData("2bd", "2 dias úteis")]
    [InlineData("1d", "1 dia")]
    [InlineData("7d", "7 dias")]
    [InlineData("1h", "1 hora")]
    [InlineData("4h", "4 horas")]
    [InlineData("1m", "1 minuto")]
    [InlineData("10m", "10 minutos")]
    [InlineData("1h30m", "1 hora e 30 minutos")]
    [InlineData("2h1m", "2 horas e 1 minuto")]
    [InlineData("1d2h", "26 horas")]
    public void Describe_ReadsAsAPersonWouldSayIt(string text, string expected)
    {
        Assert.True(SlaTarget.TryParse(text, out var target));

        Assert.Equal(expected, target.Describe());
    }

    [Fact]
    public void DueFrom_BusinessDaysKeepTheLocalTime_DurationsCountWorkingTime()
    {
        var friday = SaoPauloTime(2026, 3, 6, 17, 0);
        Assert.True(SlaTarget.TryParse("1bd", out var oneDay));
        Assert.True(SlaTarget.TryParse("2h", out var twoHours));

        Assert.Equal(SaoPauloTime(2026, 3, 9, 17, 0), oneDay.DueFrom(SpecialService, friday));
        Assert.Equal(SaoPauloTime(2026, 3, 9, 9, 30), twoHours.DueFrom(SpecialService, friday));
    }
}
