using System.Globalization;
using System.Text;
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

    /// <summary>
    /// The digit-by-digit reading of the canonical forms gives what the format list gives, for every text: in range,
    /// out of range, on calendar edges, with every offset form, and with one character changed anywhere.
    /// </summary>
    [Fact]
    public void TryParse_GivesWhatTheFormatsGive_ForCanonicalAndNearlyCanonicalTexts()
    {
        var random = new Random(20261202);
        string[] zones = ["Z", "+0000", "-0300", "+14:00", "-1400", "+1401", "+0060", "+05:30", "-02:3", "", "+", "z", "+00:00Z", "-0000"];
        var compared = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{random.Next(0, 10_000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}T{random.Next(0, 26):D2}:{random.Next(0, 62):D2}:{random.Next(0, 62):D2}.{random.Next(0, 1000):D3}{zones[random.Next(zones.Length)]}");
            if (i % 4 == 0)
            {
                var chars = text.ToCharArray();
                const string noise = "0123456789-:.TZ+ x\u00e9";
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
                text = new string(chars);
            }

            if (i % 7 == 0)
            {
                text = $"{random.Next(1, 10_000):D4}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}T00:00:00.000+0000";
            }

            var expected = FormatList(text, out var expectedValue);
            Assert.True(expected == SalesforceDateTime.TryParse(text, out var value), text);
            Assert.True(expected == SalesforceDateTime.TryParse(Encoding.UTF8.GetBytes(text), out var fromUtf8), text);
            if (expected)
            {
                Assert.Equal((expectedValue.UtcDateTime, expectedValue.Offset), (value.UtcDateTime, value.Offset));
                Assert.Equal((expectedValue.UtcDateTime, expectedValue.Offset), (fromUtf8.UtcDateTime, fromUtf8.Offset));
                compared++;
            }
        }

        Assert.True(compared > 5_000, $"only {compared} texts parsed: the generator no longer exercises the canonical forms");
    }

    /// <summary>The format list alone, as SalesforceDateTime read every instant before the canonical forms were read by hand.</summary>
    private static bool FormatList(string text, out DateTimeOffset value)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm'Z'"];
        var n = text.Length;
        var normalized = n > 5 && (text[n - 5] == '+' || text[n - 5] == '-') && char.IsAsciiDigit(text[n - 4]) && char.IsAsciiDigit(text[n - 1]) && text.IndexOf('T', StringComparison.Ordinal) > 0
            ? string.Concat(text.AsSpan(0, n - 2), ":", text.AsSpan(n - 2))
            : text;
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParseExact(normalized, formats, CultureInfo.InvariantCulture, styles, out value) ||
               DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out value);
    }
}
