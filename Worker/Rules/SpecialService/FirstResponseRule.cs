namespace SfBridge.Rules.SpecialService;

/// <summary>SS-01: every key-account ticket gets its first response by an agent (any contact channel) within the target.</summary>
public sealed class FirstResponseRule : IRule
{
    public string Id => "SS-01";

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

        var first = c.Activity.Contacts.FirstOrDefault(i => i.At >= c.Case.CreatedDate)?.At;
        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, first, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: first is null))
        {
            var what = first is { } at ? $"primeira resposta ao cliente chave só em {c.Local(at)}" : "primeira resposta ao cliente chave";
            c.AddClock(findings, Id, clock, $"{what} (prazo de {c.Target(Id)})", KeyAccount.OwnerAndSupervisor(c), c.Case.CreatedDate, warn: first is null);
        }
    }
}
