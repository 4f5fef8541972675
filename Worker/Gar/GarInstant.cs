using System.Globalization;
using SfBridge.Salesforce;

namespace SfBridge.Gar;

/// <summary>
/// GAR's instants (validatedAt, updatedAt): ISO-8601 with their UTC offset ("2026-03-02T11:00:00Z", "…-03:00"), or, written
/// without one ("2026-03-02T11:00:00", a date alone at its start), the local time of the mappings' time zone, the one GAR's users work in. Read as UTC,
/// an order GSO released at 11:00 in São Paulo would count as released at 08:00, before a 10:00 escalation.
/// </summary>
public static class GarInstant
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];

    /// <param name="zone">The zone an instant without an offset is local to; null: such an instant is not read.</param>
    public static bool TryParse(string? text, TimeZoneInfo? zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // An offset follows the time: "Z", or a sign after the date's own hyphens. A date alone has none: its day's start.
        var time = text.IndexOf('T', StringComparison.Ordinal);
        if (time >= 0 && (text.EndsWith('Z') || text.AsSpan(time).IndexOfAny('+', '-') >= 0))
        {
            return SalesforceDateTime.TryParse(text, out value);
        }

        if (zone is null || !DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // A local time whose UTC instant falls outside the calendar ("9999-12-31T23:00:00" west of UTC) is no instant.
        var offset = zone.GetUtcOffset(local);
        if ((local - DateTime.MinValue) < offset || (DateTime.MaxValue - local) < -offset)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }
}
