using SfBridge.Salesforce;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-02: a pending protocol gets news to the customer (a contact by an agent, any channel) at least once a day,
/// unless a scheduled return (the return field) lies ahead; a scheduled return that passed without contact is
/// overdue at once.
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
        var mentions = ProtocolCase.OwnerAndSupervisor(c);
        if (ScheduledReturn(c) is var (scheduled, keptFrom))
        {
            if (scheduled > c.Now)
            {
                c.Expect(scheduled);
                c.NotApplicable($"o retorno ao cliente está agendado para {c.Local(scheduled)}, e até lá nada está atrasado");
                return; // the customer was promised news at a set time: nothing is late before it
            }

            // Any contact on the promised day keeps the promise (an early call is news too).
            if (last is null || last < keptFrom)
            {
                c.Add(findings, Id, FindingKind.CustomerUpdateOverdue, $"o retorno agendado para {c.Local(scheduled)} passou sem contato com o cliente",
                    mentions, "return:" + RuleContext.Instance(scheduled), scheduled);
                return;
            }
        }

        var from = last ?? c.Case.CreatedDate;
        var clock = c.Clock(Id).Measure(from, null, [], c.Now);
        var what = last is null ? $"nenhum retorno ao cliente desde a abertura em {c.Local(from)}" : $"último retorno ao cliente em {c.Local(from)}";
        c.AddClock(findings, Id, clock, $"{what}; o retorno é devido ao menos a cada {c.Target(Id)}", mentions, from, warn: false,
            breachKind: FindingKind.CustomerUpdateOverdue);
    }

    /// <summary>
    /// The return field as the instant it passes and the start of the local day it promises news on: a Salesforce
    /// date/time, or a local dd/mm/aaaa hh:mm; a date alone (ISO or dd/mm/aaaa) promises news during that day, so it
    /// passes only when the local day ends.
    /// </summary>
    private static (DateTimeOffset Due, DateTimeOffset KeptFrom)? ScheduledReturn(RuleContext c)
    {
        var text = c.Case.Field(LogicalField.Return)?.Trim();
        if (text is null)
        {
            return null;
        }

        var zone = c.Settings.TimeZone;
        DateTimeOffset At(DateTime local) => new(local, zone.GetUtcOffset(local));
        if (text.Contains('T', StringComparison.Ordinal) && SalesforceDateTime.TryParse(text, out var instant))
        {
            return (instant, At(TimeZoneInfo.ConvertTime(instant, zone).Date));
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, ["dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "yyyy-MM-dd HH:mm"], culture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return (At(local), At(local.Date));
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], culture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return (At(day.AddDays(1)), At(day));
        }

        return null;
    }
}
