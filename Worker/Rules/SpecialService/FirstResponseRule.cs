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

        // The clock stops at the first response, or at the closing of a case closed without one (judged at its closing: a
        // deadline missed before it stands, over; nothing more is owed, so nothing is reminded, and no warning is raised).
        var first = c.Activity.Contacts.FirstOrDefault(i => i.At >= c.Case.CreatedDate)?.At;
        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, first ?? c.Case.EndedAt, c.Closures(), c.Now);
        var warn = first is null && !c.Case.IsClosed;
        if (c.ClockRaises(clock, warn))
        {
            var what = first is { } at ? $"primeira resposta ao cliente chave só em {c.Local(at)}"
                : c.Case.IsClosed ? "primeira resposta ao cliente chave, que não veio antes do encerramento" : "primeira resposta ao cliente chave";
            c.AddClock(findings, Id, clock, $"{what} (prazo de {c.Target(Id)})", KeyAccount.OwnerAndSupervisor(c), c.Case.CreatedDate, warn);
        }
    }
}
