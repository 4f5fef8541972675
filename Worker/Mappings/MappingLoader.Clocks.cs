using System.Globalization;
using SfBridge.Rules;
using SfBridge.Sla;

namespace SfBridge.Mappings;

public static partial class MappingLoader
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static Dictionary<string, BusinessCalendar> LoadCalendars(string folder, List<MappingError> errors, TimeZoneInfo defaultZone)
    {
        var spans = new Dictionary<string, (TimeZoneInfo Zone, Dictionary<DayOfWeek, List<WorkSpan>> Days, string? Country)>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(folder, "calendars.csv", ["calendar", "timezone", "days", "start", "end"], ["national_holidays"], errors))
        {
            var country = row.Optional("national_holidays");
            var name = row.Get("calendar");
            var ok = name.Length > 0 || row.Error("calendar", "calendar name is empty");
            ok &= name != BusinessCalendar.AlwaysOpenName || row.Error("calendar", "24x7 is built in and cannot be redefined");
            TimeZoneInfo? zone = null;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(row.Get("timezone"));
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            {
                ok = row.Error("timezone", $"unknown time zone '{row.Get("timezone")}' (use an IANA id such as America/Sao_Paulo)");
            }

            if (country is not null && !HolidaySet.Countries.Contains(country))
            {
                ok = row.Error("national_holidays", $"'{country}' has no national holiday source (use {string.Join(", ", HolidaySet.Countries)}, or leave it empty and list the days in holidays.csv)");
            }

            var days = ParseDays(row, ref ok);
            var start = ParseTime(row, "start", ref ok);
            var end = ParseTime(row, "end", ref ok);
            if (ok && end <= start)
            {
                ok = row.Error("end", $"end {row.Get("end")} is not after start {row.Get("start")}");
            }

            if (!ok)
            {
                continue;
            }

            if (!spans.TryGetValue(name, out var calendar))
            {
                spans[name] = calendar = (zone!, new Dictionary<DayOfWeek, List<WorkSpan>>(), country);
            }
            else if (!string.Equals(calendar.Country, country, StringComparison.OrdinalIgnoreCase))
            {
                row.Error("national_holidays", $"calendar {name} already uses national holidays '{calendar.Country}'; give every row of a calendar the same value");
                continue;
            }
            else if (calendar.Zone.Id != zone!.Id)
            {
                row.Error("timezone", $"calendar {name} already uses {calendar.Zone.Id}");
                continue;
            }

            foreach (var day in days)
            {
                var list = calendar.Days.TryGetValue(day, out var l) ? l : calendar.Days[day] = [];
                if (list.Any(s => s.Start < end && start < s.End))
                {
                    row.Error("start", $"{day} {row.Get("start")}-{row.Get("end")} overlaps another span of {name}");
                    continue;
                }

                list.Add(new WorkSpan(start, end));
            }
        }

        var holidays = LoadHolidays(folder, errors, spans.Keys);
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal)
        {
            [BusinessCalendar.AlwaysOpenName] = BusinessCalendar.AlwaysOpen(defaultZone),
        };
        foreach (var (name, (zone, days, country)) in spans)
        {
            var own = holidays.Where(h => h.Calendar == name || h.Calendar == "*").ToList();
            var set = new HolidaySet(country, own.Where(h => h.Date is not null).Select(h => h.Date!.Value), own.Where(h => h.Annual is not null).Select(h => h.Annual!.Value));
            calendars[name] = new BusinessCalendar(name, zone, days.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkSpan>)d.Value), set);
        }

        return calendars;
    }

    /// <summary>holidays.csv: a single date (yyyy-MM-dd) or a day that recurs every year (--MM-dd, as ISO 8601 writes it).</summary>
    private static List<(string Calendar, DateOnly? Date, (int Month, int Day)? Annual)> LoadHolidays(string folder, List<MappingError> errors, IEnumerable<string> calendars)
    {
        var known = calendars.ToHashSet(StringComparer.Ordinal);
        var list = new List<(string, DateOnly?, (int, int)?)>();
        foreach (var row in CsvTable.Read(folder, "holidays.csv", ["calendar", "date", "name"], [], errors))
        {
            var calendar = row.Get("calendar");
            var ok = calendar == "*" || known.Contains(calendar) || row.Error("calendar", $"unknown calendar '{calendar}'");
            var text = row.Get("date");
            if (text.StartsWith("--", StringComparison.Ordinal) &&
                DateOnly.TryParseExact("2000-" + text[2..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var annual))
            {
                if (ok)
                {
                    list.Add((calendar, null, (annual.Month, annual.Day)));
                }
            }
            else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (ok)
                {
                    list.Add((calendar, date, null));
                }
            }
            else
            {
                row.Error("date", $"'{text}' is not a date (yyyy-MM-dd, or --MM-dd for every year)");
            }
        }

        return list;
    }

    private static Dictionary<string, RuleSetting> LoadRules(string folder, List<MappingError> errors, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        var rules = new Dictionary<string, RuleSetting>(StringComparer.Ordinal);
        var read = errors.Count;
        var rows = CsvTable.Read(folder, "rules.csv", ["rule", "enabled", "target", "calendar", "warning_share", "severity"],
            ["assumption", "resolution_note", "team_calendar", "off_shift"], errors);
        var unread = rows.Count == 0 && errors.Count > read; // one problem for the file, not one per rule
        var seen = new HashSet<string>(StringComparer.Ordinal); // a row with another problem still counts as listed
        foreach (var row in rows)
        {
            var id = row.Get("rule");
            var ok = RuleCatalog.Rules.TryGetValue(id, out var info) || row.Error("rule", $"unknown rule id '{id}'");
            ok &= seen.Add(id) || row.Error("rule", $"{id} is listed twice");
            // An empty cell is no answer: read as "no", a rule would be switched off without a word.
            var enabled = row.Get("enabled").Length > 0 ? YesNo(row, "enabled", ref ok) : ok = row.Error("enabled", "enabled is empty: write yes or no");
            SlaTarget? target = null;
            if (row.Get("target") is { Length: > 0 } t)
            {
                target = SlaTarget.TryParse(t, out var parsed) ? parsed : null;
                ok &= target is not null || row.Error("target", $"'{t}' is not a duration (30m, 1h, 2h30m, 10d) or business days (1bd)");
            }
            else if (ok && info!.Clock)
            {
                ok = row.Error("target", $"{id} runs a clock and needs a target");
            }

            var calendar = CalendarOf(row, calendars, ref ok);
            if (target is { } written && CountsDays(row.Get("target"), written) && calendar != BusinessCalendar.AlwaysOpenName)
            {
                // "2d" of working time on a business calendar reads like two days but means 48 working hours.
                ok = row.Error("target", $"'{row.Get("target")}' counts days on the business calendar {calendar}: write business days (e.g. 2bd) or hours");
            }
            var share = 0.8;
            if (row.Get("warning_share") is { Length: > 0 } w && (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out share) || !(share > 0 && share <= 1)))
            {
                ok = row.Error("warning_share", $"'{w}' must be a number in (0, 1], e.g. 0.8");
            }

            if (!FindingKinds.TryParseSeverity(row.Get("severity"), out var severity))
            {
                ok = row.Error("severity", $"'{row.Get("severity")}' must be info, warning, breach or critical");
            }

            var note = YesNo(row, "resolution_note", ref ok);
            var team = row.Optional("team_calendar") ?? BusinessCalendar.AlwaysOpenName;
            ok &= calendars.ContainsKey(team) || row.Error("team_calendar", $"unknown calendar '{team}' (calendars.csv defines {string.Join(", ", calendars.Keys.Order(StringComparer.Ordinal))})");
            var offShift = OffShift.Wait;
            if (row.Optional("off_shift") is { } mode && !EnumText.TryParse(mode, out offShift))
            {
                ok = row.Error("off_shift", $"'{mode}' must be wait (hold until the team's next working period), quiet (post without mentions) or mention");
            }

            if (ok)
            {
                rules[id] = new RuleSetting(id, enabled, target, calendar, share, severity, row.Optional("assumption"))
                {
                    ResolutionNote = note, TeamCalendar = team, OffShift = offShift,
                };
            }
        }

        foreach (var missing in RuleCatalog.Rules.Keys.Where(id => !unread && !rules.ContainsKey(id) && rows.All(r => r.Get("rule") != id)))
        {
            errors.Add(new MappingError("rules.csv", 0, 0, "rule", $"rule {missing} is not configured (add a row; enabled=no turns it off)"));
        }

        return rules;
    }

    private static List<SlaTier> LoadTiers(string folder, List<MappingError> errors, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        var tiers = new List<SlaTier>();
        foreach (var row in CsvTable.Read(folder, "sla_tiers.csv", ["tier", "target", "calendar"], ["assumption"], errors))
        {
            var tier = row.Get("tier");
            var ok = tier.Length > 0 || row.Error("tier", "tier is empty");
            ok &= tiers.All(t => TextKey.Of(t.Tier) != TextKey.Of(tier)) || row.Error("tier", $"tier '{tier}' is listed twice");
            ok &= SlaTarget.TryParse(row.Get("target"), out var target) || row.Error("target", $"'{row.Get("target")}' is not a duration (30m, 1h, 10d) or business days (1bd)");
            var calendar = CalendarOf(row, calendars, ref ok);
            if (ok && CountsDays(row.Get("target"), target) && calendar != BusinessCalendar.AlwaysOpenName)
            {
                // "10 Dias" as 10d on the Pit Stop's hours would be 240 working hours, more than four weeks.
                ok = row.Error("target", $"'{row.Get("target")}' counts days on the business calendar {calendar}: write business days (e.g. 10bd) or hours");
            }

            if (ok)
            {
                tiers.Add(new SlaTier(tier, target, calendar, row.Optional("assumption")));
            }
        }

        return tiers;
    }

    /// <summary>Whether a target was written in days ("2d", "1d12h"), not in hours that add up to a day or more ("24h").</summary>
    private static bool CountsDays(string text, SlaTarget target) =>
        !target.IsBusinessDays && System.Text.RegularExpressions.Regex.IsMatch(text, @"\d\s*d(?![a-z])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static string CalendarOf(CsvRow row, IReadOnlyDictionary<string, BusinessCalendar> calendars, ref bool ok)
    {
        var name = row.Get("calendar") is { Length: > 0 } c ? c : BusinessCalendar.AlwaysOpenName;
        if (!calendars.ContainsKey(name))
        {
            ok = row.Error("calendar", $"unknown calendar '{name}' (defined: {string.Join(", ", calendars.Keys.Order(StringComparer.Ordinal))})");
        }

        return name;
    }

    private static List<DayOfWeek> ParseDays(CsvRow row, ref bool ok)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in row.Get("days").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var from = Array.IndexOf(DayNames, range[0]);
            var to = range.Length == 2 ? Array.IndexOf(DayNames, range[1]) : from;
            if (range.Length > 2 || from < 0 || to < 0 || to < from)
            {
                ok = row.Error("days", $"'{row.Get("days")}' must name days like Mon-Fri, Sat or Mon,Wed");
                return [];
            }

            days.AddRange(Enumerable.Range(from, to - from + 1).Select(d => (DayOfWeek)d));
        }

        if (days.Count == 0)
        {
            ok = row.Error("days", "no days given");
        }

        return days;
    }

    private static TimeSpan ParseTime(CsvRow row, string column, ref bool ok)
    {
        var text = row.Get(column);
        if (text == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToTimeSpan();
        }

        ok = row.Error(column, $"'{text}' is not a time (HH:mm, 24:00 allowed as an end)");
        return TimeSpan.Zero;
    }
}
