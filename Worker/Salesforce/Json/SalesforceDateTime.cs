using System.Globalization;

namespace SfBridge.Salesforce;

/// <summary>
/// Salesforce writes REST datetimes as <c>2013-05-20T20:49:32.000+0000</c> (offset without a colon, which
/// System.Text.Json rejects) and Connect datetimes as ISO 8601 with <c>Z</c>. Both, and <c>+00:00</c>, are accepted here.
/// </summary>
public static class SalesforceDateTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var normalized = InsertOffsetColon(text);
        if (DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        // A date field (yyyy-MM-dd) read as an instant: midnight UTC.
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{Truncate(text)}' is not a Salesforce datetime");

    /// <summary>REST wire format: UTC, milliseconds, <c>+0000</c>.</summary>
    public static string FormatRest(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>SOQL datetime literal: UTC with <c>Z</c>, so no <c>+</c> has to survive URL encoding.</summary>
    public static string FormatSoql(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string InsertOffsetColon(string text)
    {
        // "...+0000" / "...-0300" -> "...+00:00" / "...-03:00"
        var n = text.Length;
        if (n > 5 && (text[n - 5] == '+' || text[n - 5] == '-') && char.IsAsciiDigit(text[n - 4]) &&
            char.IsAsciiDigit(text[n - 1]) && text.IndexOf('T', StringComparison.Ordinal) > 0)
        {
            return string.Concat(text.AsSpan(0, n - 2), ":", text.AsSpan(n - 2));
        }

        return text;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
