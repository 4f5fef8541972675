using SfBridge.Gar;

namespace SfBridge.Tests.Gar;

public sealed class GarInstantTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    [Theory]
    [InlineData("2026-03-02T11:00:00Z", "2026-03-02T11:00:00+00:00")]
    [InlineData("2026-03-02T11:00:00.000+0000", "2026-03-02T11:00:00+00:00")]
    [InlineData("2026-03-02T11:00:00-03:00", "2026-03-02T14:00:00+00:00")]
    [InlineData("2026-03-02T11:00:00", "2026-03-02T14:00:00+00:00")] // no offset: São Paulo's 11:00
    [InlineData("2026-03-02T11:00:00.250", "2026-03-02T14:00:00.250+00:00")]
    [InlineData("2026-03-02T11:00", "2026-03-02T14:00:00+00:00")]
    [InlineData("2026-03-02", "2026-03-02T03:00:00+00:00")] // a date alone: the start of São Paulo's day
    public void AnInstant_IsReadWithItsOffset_OrAsTheZonesLocalTime(string text, string utc)
    {
        Assert.True(GarInstant.TryParse(text, SaoPaulo, out var value));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ontem")]
    [InlineData("02/03/2026 11:00")]
    [InlineData("2026-13-02T11:00:00")]
    public void WhatIsNoInstant_IsNotRead(string text) => Assert.False(GarInstant.TryParse(text, SaoPaulo, out _));

    [Fact]
    public void ALocalTimeWhoseInstantFallsOutsideTheCalendar_IsNoInstant()
    {
        Assert.False(GarInstant.TryParse("9999-12-31T23:00:00", SaoPaulo, out _)); // 02:00 UTC on a day after the last
        Assert.False(GarInstant.TryParse("0001-01-01T00:00", TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), out _));
        Assert.True(GarInstant.TryParse("9999-12-31T20:00:00", SaoPaulo, out var last));
        Assert.Equal(DateTimeOffset.MaxValue.UtcDateTime.Date.AddHours(23), last.UtcDateTime);
    }

    [Fact]
    public void WithoutAZone_AnInstantWithoutItsOffset_IsNotRead()
    {
        Assert.False(GarInstant.TryParse("2026-03-02T11:00:00", null, out _));
        Assert.False(GarInstant.TryParse("2026-03-02", null, out _));
        Assert.True(GarInstant.TryParse("2026-03-02T11:00:00Z", null, out _));
    }
}
