using System.Text.Json;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceDateTimeTests
{
    private static readonly DateTimeOffset Expected = new(2013, 5, 20, 20, 49, 32, TimeSpan.Zero);

    [Theory]
    [InlineData("2013-05-20T20:49:32.000+0000")]
    [InlineData("2013-05-20T20:49:32.000Z")]
    [InlineData("2013-05-20T20:49:32Z")]
    [InlineData("2013-05-20T20:49:32.000+00:00")]
    [InlineData("2013-05-20T17:49:32.000-0300")]
    public void TryParse_RestAndConnectForms_GiveTheSameInstant(string text)
    {
        Assert.True(SalesforceDateTime.TryParse(text, out var value));
        Assert.Equal(Expected, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("20/05/2013 20:49")]
    [InlineData("2013-13-45T99:00:00.000+0000")]
    public void TryParse_NotADatetime_ReturnsFalse(string? text) => Assert.False(SalesforceDateTime.TryParse(text, out _));

    [Fact]
    public void Converter_RestOffsetWithoutColon_DeserializesWhereTheDefaultFails()
    {
        const string json = "\"2013-05-20T20:49:32.000+0000\"";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json));
        Assert.Equal(Expected, JsonSerializer.Deserialize<DateTimeOffset>(json, SalesforceJson.Options));
        Assert.Null(JsonSerializer.Deserialize<DateTimeOffset?>("null", SalesforceJson.Options));
    }

    [Fact]
    public void FormatRest_WritesUtcMillisecondsAndPlus0000() =>
        Assert.Equal("2013-05-20T20:49:32.000+0000", SalesforceDateTime.FormatRest(Expected.ToOffset(TimeSpan.FromHours(-3))));
}
