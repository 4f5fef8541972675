namespace SfBridge.Rules.SpecialService;

/// <summary>SS-02: a key-account ticket is solved within the target (48 hours), paused while awaiting the customer.</summary>
public sealed class SolutionTimeRule : IRule
{
    public string Id => "SS-02";

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

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, c.Case.EndedAt, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: !c.Case.IsClosed))
        {
            c.AddClock(findings, Id, clock, $"solução do chamado do cliente chave em até {c.Target(Id)}, sem contar a espera pelo cliente", KeyAccount.OwnerAndSupervisor(c),
                c.Case.CreatedDate, warn: !c.Case.IsClosed);
        }
    }
}
