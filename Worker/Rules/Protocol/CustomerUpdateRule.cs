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
        if (!c.IsOpen)
        {
            return;
        }

        var last = c.Activity.Contacts.LastOrDefault(i => i.At <= c.Now && i.At >= c.Case.CreatedDate)?.At;
        var mentions = ProtocolCase.OwnerAndSupervisor(c);
        if (ScheduledReturn(c) is { } scheduled)
        {
            if (scheduled > c.Now)
            {
                return; // the customer was promised news at a set time: nothing is late before it
            }

            if (last is null || last < scheduled)
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
    /// The return field as an instant: a Salesforce date/time, or a local dd/mm/aaaa hh:mm; a date alone (ISO or
    /// dd/mm/aaaa) promises news during that day, so it passes only when the local day ends.
    /// </summary>
    private static DateTimeOffset? ScheduledReturn(RuleContext c)
    {
        var text = c.Case.Field(LogicalField.Return)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Contains('T', StringComparison.Ordinal) && SalesforceDateTime.TryParse(text, out var instant))
        {
            return instant;
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, ["dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "yyyy-MM-dd HH:mm"], culture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, c.Settings.TimeZone.GetUtcOffset(local));
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], culture, System.Globalization.DateTimeStyles.None, out var day))
        {
            var end = day.AddDays(1);
            return new DateTimeOffset(end, c.Settings.TimeZone.GetUtcOffset(end));
        }

        return null;
    }
}
