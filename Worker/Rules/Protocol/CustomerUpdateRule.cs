namespace SfBridge.Rules.Protocol;

/// <summary>PRO-02: a pending protocol gets news to the customer (e-mail sent or comment published) at least once a day.</summary>
public sealed class CustomerUpdateRule : IRule
{
    public string Id => "PRO-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen)
        {
            return;
        }

        var contacts = c.CustomerContacts();
        var last = contacts.Count > 0 && contacts[^1] > c.Case.CreatedDate ? contacts[^1] : c.Case.CreatedDate;
        var clock = c.Clock(Id).Measure(last, null, [], c.Now);
        c.AddClock(findings, Id, clock, $"último retorno ao cliente em {c.Local(last)}", ProtocolCase.OwnerAndSupervisor(c), last, warn: false,
            breachKind: FindingKind.CustomerUpdateOverdue);
    }
}
