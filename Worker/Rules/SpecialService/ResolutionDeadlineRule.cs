namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-03: the analyst has "até 7 dias para resolver os chamados após a data de abertura" (seed 002): the target's days count
/// from the opening date, so the case is due at the end of the local day 7 days after it (opened 02/03 at 09:00, solved any
/// time on 09/03), not at the opening's time of day. Time the case spent closed before it was reopened pushes it out.
/// </summary>
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

        var clock = c.Clock(Id).ToDayClose().Measure(c.Case.CreatedDate, c.Case.EndedAt, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, $"resolução em até {c.Target(Id)} após a data de abertura ({c.Local(c.Case.CreatedDate)})", KeyAccount.OwnerAndSupervisor(c),
                c.Case.CreatedDate, warn: false);
        }
    }
}
