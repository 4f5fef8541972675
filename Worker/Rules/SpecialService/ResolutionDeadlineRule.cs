namespace SfBridge.Rules.SpecialService;

/// <summary>SS-03: the analyst has at most 7 days from opening to resolve the ticket.</summary>
public sealed class ResolutionDeadlineRule : IRule
{
    public string Id => "SS-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpenOrClosedBySalesforce())
        {
            return;
        }

        if (!KeyAccount.Applies(c))
        {
            c.NotApplicable(c.Case.AccountId is null ? "o caso não tem conta associada" : "a conta do caso não é cliente chave");
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, c.Case.EndedAt, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, $"resolução em até {c.Target(Id)} da abertura ({c.Local(c.Case.CreatedDate)})", KeyAccount.OwnerAndSupervisor(c),
                c.Case.CreatedDate, warn: false);
        }
    }
}
