using SfBridge.Salesforce;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-02: a pending protocol gets news to the customer (a contact by an agent, any channel) at least once a day (seed 003):
/// after a contact, or the opening, on a day, the next contact is due by the close of the next working day on the rule's
/// calendar (Monday 09:00, then Tuesday 16:00 is in time; Friday's is due by Monday's close). A scheduled return (the return
/// field) stands in for it: any contact on the promised local day keeps it, whatever time it names, so it is missed only
/// when that day ends without one; a day the case spent closed misses nothing, and the daily contact is owed again from
/// the reopening.
/// </summary>
public sealed class CustomerUpdateRule : IRule
{
    public string Id => "PRO-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var last = c.Activity.Contacts.LastOrDefault(i => i.At <= c.Now && i.At >= c.Case.CreatedDate)?.At;
        DateTimeOffset? reopened = null;
        if (ScheduledReturn(c) is var (named, day, dayOnly))
        {
            var zone = c.Settings.TimeZone;
            var (dayStarts, dayEnds) = (RuleContext.StartOf(day, zone), RuleContext.StartOf(day.AddDays(1), zone));
            // A promised day the case spent closed, wholly or in part, is no missed return: nobody owed news on a closed
            // case. The return stood in for the daily contact until the case closed, so the daily contact is owed again
            // from the reopening.
            reopened = c.Closures().Where(p => p.From < dayEnds && (p.To is not { } to || to > dayStarts)).Select(p => (DateTimeOffset?)(p.To ?? c.Now)).LastOrDefault();
            // Any contact on the promised day keeps the promise (an early call is news too, and so is one later that day
            // than the time named); until one comes, the customer was promised news that day and nothing else is late.
            if (reopened is null && (last is null || last < dayStarts))
            {
                // A date alone is named as the day promised, not as the midnight after it.
                var promised = dayOnly ? day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : c.Local(named);
                if (!c.IsPast(dayEnds))
                {
                    c.ExpectPast(dayEnds); // missed once the promised day is over, as every deadline
                    c.NotApplicable($"o retorno ao cliente está agendado para {promised}, e até o fim desse dia nada está atrasado");
                    return;
                }

                c.Add(findings, Id, FindingKind.CustomerUpdateOverdue, $"o retorno agendado para {promised} passou sem contato com o cliente",
                    ProtocolCase.OwnerAndSupervisor(c), "return:" + RuleContext.Instance(named), dayEnds);
                return;
            }
        }

        var fromReopening = reopened is { } r && (last is null || last < r);
        var from = fromReopening ? reopened!.Value : last ?? c.Case.CreatedDate;
        var clock = c.Clock(Id).ToDayClose().Measure(from, null, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            var what = fromReopening ? $"nenhum retorno ao cliente desde a reabertura em {c.Local(from)}"
                : last is null ? $"nenhum retorno ao cliente desde a abertura em {c.Local(from)}" : $"último retorno ao cliente em {c.Local(from)}";
            c.AddClock(findings, Id, clock, $"{what}; o retorno é devido ao menos a cada {c.Target(Id)}, até o fim do expediente", ProtocolCase.OwnerAndSupervisor(c),
                from, warn: false, breachKind: FindingKind.CustomerUpdateOverdue);
        }
    }

    /// <summary>
    /// The return field as the instant it names (the key of a missed return) and the local day it promises news on: a
    /// Salesforce date/time, or a local dd/mm/aaaa hh:mm; a date alone (ISO or dd/mm/aaaa) names the midnight that ends
    /// that day (<c>DayOnly</c>).
    /// </summary>
    private static (DateTimeOffset Named, DateOnly Day, bool DayOnly)? ScheduledReturn(RuleContext c)
    {
        // A year no return is scheduled in ("31/12/9999", typed to fill the field) is no date: the day after it does not exist.
        static bool Sane(DateTime d) => d.Year is >= 1900 and < 9000;

        var text = c.Case.Field(LogicalField.Return)?.Trim();
        if (text is null)
        {
            return null;
        }

        var zone = c.Settings.TimeZone;
        DateTimeOffset At(DateTime local) => new(local, zone.GetUtcOffset(local));
        if (text.Contains('T', StringComparison.Ordinal) && SalesforceDateTime.TryParse(text, out var instant) && Sane(instant.UtcDateTime))
        {
            return (instant, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime), false);
        }

        if (TryReadPlain(text, out var plain, out var withTime) && Sane(plain))
        {
            return withTime ? (At(plain), DateOnly.FromDateTime(plain), false) : (At(plain.AddDays(1)), DateOnly.FromDateTime(plain), true);
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, WithTime, culture, System.Globalization.DateTimeStyles.None, out var local) && Sane(local))
        {
            return (At(local), DateOnly.FromDateTime(local), false);
        }

        if (DateTime.TryParseExact(text, DateAlone, culture, System.Globalization.DateTimeStyles.None, out var day) && Sane(day))
        {
            return (At(day.AddDays(1)), DateOnly.FromDateTime(day), true);
        }

        return null;
    }

    private static readonly string[] WithTime = ["dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "yyyy-MM-dd HH:mm"];

    private static readonly string[] DateAlone = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>
    /// The common spellings of those formats read digit by digit ("dd/mm/aaaa hh:mm", "d/m/aaaa", "aaaa-mm-dd", with or
    /// without the time): DateTime.TryParseExact compares each literal through the culture, which made this the costliest
    /// line of the protocol rules. Only a valid date is read here; anything else goes to TryParseExact as before.
    /// </summary>
    private static bool TryReadPlain(string text, out DateTime value, out bool withTime)
    {
        value = default;
        var s = text.AsSpan();
        withTime = s.Length > 6 && s[^6] == ' ' && s[^3] == ':';
        var date = withTime ? s[..^6] : s;
        int year, month, dayOfMonth;
        if (date.Length == 10 && date[4] == '-' && date[7] == '-')
        {
            if (!Digits(date[..4], out year) || !Digits(date.Slice(5, 2), out month) || !Digits(date.Slice(8, 2), out dayOfMonth))
            {
                return false;
            }
        }
        else
        {
            var first = date.IndexOf('/');
            var second = first < 0 ? -1 : date[(first + 1)..].IndexOf('/') + first + 1;
            if (first is < 1 or > 2 || second - first - 1 is < 1 or > 2 || date.Length - second - 1 != 4
                || !Digits(date[..first], out dayOfMonth) || !Digits(date[(first + 1)..second], out month) || !Digits(date[(second + 1)..], out year))
            {
                return false;
            }
        }

        var (hour, minute) = (0, 0);
        if (withTime && (!Digits(s.Slice(s.Length - 5, 2), out hour) || !Digits(s[^2..], out minute) || hour > 23 || minute > 59))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTime(year, month, dayOfMonth, hour, minute, 0);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }

            value = (value * 10) + (ch - '0');
        }

        return s.Length > 0;
    }
}
