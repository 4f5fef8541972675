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

        if (text.Length <= MaxCanonical)
        {
            Span<byte> ascii = stackalloc byte[MaxCanonical];
            if (System.Text.Ascii.FromUtf16(text, ascii, out var written) == System.Buffers.OperationStatus.Done && TryParseCanonical(ascii[..written], out value))
            {
                return true;
            }
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

    /// <summary>
    /// The same as <see cref="TryParse(string?, out DateTimeOffset)"/> on UTF-8 text (a JSON string's bytes): the
    /// canonical REST and Connect forms without a string, anything else through the formats above.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value) =>
        TryParseCanonical(utf8, out value) || TryParse(System.Text.Encoding.UTF8.GetString(utf8), out value);

    private const int MaxCanonical = 29;

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss.fff</c> then <c>Z</c>, <c>±HHMM</c> or <c>±HH:MM</c> (how Salesforce writes every instant), read digit by
    /// digit: the format list costs a microsecond an instant, and a case carries dozens. Whatever this does not take
    /// (other precision, out-of-range parts, the edges of the calendar) goes through the formats, which decide; for
    /// what it takes the result is theirs (SalesforceDateTimeTests compares the two).
    /// </summary>
    private static bool TryParseCanonical(ReadOnlySpan<byte> t, out DateTimeOffset value)
    {
        value = default;
        if (t.Length < 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.')
        {
            return false;
        }

        if (!Digits(t, 0, 4, out var year) || !Digits(t, 5, 2, out var month) || !Digits(t, 8, 2, out var day) || !Digits(t, 11, 2, out var hour) ||
            !Digits(t, 14, 2, out var minute) || !Digits(t, 17, 2, out var second) || !Digits(t, 20, 3, out var millisecond))
        {
            return false;
        }

        var offsetMinutes = 0;
        var zone = t[23..];
        if (zone is [(byte)'Z'])
        {
        }
        else if (zone is [(byte)'+' or (byte)'-', _, _, _, _] or [(byte)'+' or (byte)'-', _, _, (byte)':', _, _])
        {
            if (!Digits(zone, 1, 2, out var offsetHours) || !Digits(zone, zone.Length - 2, 2, out var offsetMinute) || offsetMinute > 59 || offsetHours * 60 + offsetMinute > 14 * 60)
            {
                return false;
            }

            offsetMinutes = (zone[0] == '-' ? -1 : 1) * (offsetHours * 60 + offsetMinute);
        }
        else
        {
            return false;
        }

        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);
        value = new DateTimeOffset(local.AddMinutes(-offsetMinutes), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = number * 10 + digit;
        }

        return true;
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
