namespace SfBridge.Rules.SpecialService;

/// <summary>SS-01: every key-account ticket gets its first response (e-mail sent or comment published) within the target.</summary>
public sealed class FirstResponseRule : IRule
{
    public string Id => "SS-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!KeyAccount.Applies(c))
        {
            return;
        }

        var first = c.CustomerContacts().Cast<DateTimeOffset?>().FirstOrDefault();
        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, first, [], c.Now);
        c.AddClock(findings, Id, clock, "primeira resposta ao cliente chave", KeyAccount.OwnerAndSupervisor(c), c.Case.CreatedDate);
    }
}
