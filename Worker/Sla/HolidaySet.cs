using System.Collections.Concurrent;

namespace SfBridge.Sla;

/// <summary>
/// The days off of a calendar: a country's national holidays for any year (from the PublicHoliday library,
/// movable feasts included), days that recur every year (e.g. 20 November), and single dates.
/// </summary>
public sealed class HolidaySet
{
    /// <summary>Country codes with a national holiday source.</summary>
    public static readonly IReadOnlySet<string> Countries = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BR" };

    private readonly PublicHoliday.PublicHolidayBase? _national;
    private readonly HashSet<DateOnly> _dates;
    private readonly HashSet<(int Month, int Day)> _annual;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _nationalByYear = new();

    public HolidaySet(string? country, IEnumerable<DateOnly> dates, IEnumerable<(int Month, int Day)> annual)
    {
        Country = string.IsNullOrEmpty(country) ? null : country.ToUpperInvariant();
        _national = Country switch
        {
            null => null,
            "BR" => new PublicHoliday.BrazilPublicHoliday(),
            _ => throw new ArgumentException($"No national holiday source for '{country}' (known: {string.Join(", ", Countries)})", nameof(country)),
        };
        _dates = dates.ToHashSet();
        _annual = annual.ToHashSet();
    }

    public static HolidaySet None { get; } = new(null, [], []);

    /// <summary>The country whose national holidays are included (null: none).</summary>
    public string? Country { get; }

    public bool IsEmpty => _national is null && _dates.Count == 0 && _annual.Count == 0;

    public bool Contains(DateOnly date) =>
        _dates.Contains(date) || _annual.Contains((date.Month, date.Day)) || (_national is not null && National(date.Year).Contains(date));

    /// <summary>True when the set holds each year's holidays from <paramref name="from"/> to <paramref name="to"/>: a national source, or dates of each year (a day that recurs every year is not enough).</summary>
    public bool Covers(DateOnly from, DateOnly to)
    {
        // Days that recur every year (20 November) say nothing of a year's movable feasts: only a national source or the year's
        // own dates are its holidays.
        if (_national is not null)
        {
            return true;
        }

        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!_dates.Any(d => d.Year == year))
            {
                return false;
            }
        }

        return true;
    }

    private HashSet<DateOnly> National(int year) =>
        _nationalByYear.TryGetValue(year, out var known) ? known : _nationalByYear.GetOrAdd(year, _national!.PublicHolidays(year).Select(DateOnly.FromDateTime).ToHashSet());
}
