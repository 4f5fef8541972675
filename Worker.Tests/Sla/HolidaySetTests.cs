using SfBridge.Mappings;
using SfBridge.Sla;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Sla;

public sealed class HolidaySetTests
{
    private static readonly BusinessCalendar Gso = MappingLoader.Load(Path.Combine(RepoPaths.Root, "mappings")).Policy!.Calendar("gso");

    [Theory]
    [InlineData("2027-02-08", false)] // Carnaval, Monday
    [InlineData("2027-02-09", false)] // Carnaval, Tuesday
    [InlineData("2027-02-10", true)] // Ash Wednesday is a working day
    [InlineData("2027-03-26", false)] // Sexta-feira Santa
    [InlineData("2027-05-27", false)] // Corpus Christi
    [InlineData("2028-11-20", false)] // Consciência Negra: holidays.csv, every year
    [InlineData("2031-09-08", true)] // 7 September 2031 is a Sunday: the Monday after is not a holiday
    public void ShippedCalendar_KnowsBrazilsNationalHolidays_ForAnyYear(string date, bool working) =>
        Assert.Equal(working, Gso.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void BusinessDay_SkipsAMovableHolidayOfAFutureYear()
    {
        // Thursday before Good Friday 2027 (26 March): one business day later is Monday.
        var start = new DateTimeOffset(2027, 3, 25, 10, 0, 0, TimeSpan.FromHours(-3));

        Assert.Equal(new DateTimeOffset(2027, 3, 29, 10, 0, 0, TimeSpan.FromHours(-3)), Gso.AddBusinessDays(start, 1));
    }

    [Fact]
    public void Covers_SingleDatesOnly_UntilTheirLastYear()
    {
        var dates = new HolidaySet(null, [new DateOnly(2026, 12, 25)], []);

        Assert.True(dates.Covers(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)));
        Assert.False(dates.Covers(new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1)));
        Assert.True(new HolidaySet("BR", [], []).Covers(new DateOnly(2026, 12, 1), new DateOnly(2040, 1, 1)));
    }

    [Fact]
    public void ValidateMappings_CalendarWithoutHolidayDataForTheNextYear_IsWarned()
    {
        var folder = MappingsCopy.With("calendars.csv", text => text.Replace("cmc,America/Sao_Paulo,Mon-Fri,08:00,18:00,BR", "cmc,America/Sao_Paulo,Mon-Fri,08:00,18:00,",
            StringComparison.Ordinal));
        // The shipped holidays.csv stays: its yearly day for every calendar (20 November) hid the warning, though the calendar
        // then ran through Carnaval, Good Friday and Christmas (reproduced in review).
        var stdout = new StringWriter();

        var exit = SfBridge.Audit.OfflineCommands.ValidateMappings(folder, stdout, new StringWriter(),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(0, exit);
        Assert.Contains("warning calendars.csv: calendar cmc has no holiday data for the next 12 months", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("calendar gso has no holiday data", stdout.ToString(), StringComparison.Ordinal);
    }
}
