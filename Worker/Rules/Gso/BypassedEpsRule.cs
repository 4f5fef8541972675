namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-09: every escalation to GSO passes through Supervisor EPS, who checks it in GAR first (seed 000). A case that
/// reached the GSO queue without having been in the Supervisor EPS queue before (owner history, routing), nor with
/// one of its members (who held it, opened it or sent it on), skipped that check.
/// </summary>
public sealed class BypassedEpsRule : IRule
{
    public string Id => "GSO-09";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen() || c.ReachedBypassing(c.Settings.GsoQueue, c.Settings.EpsQueue) is not { } gso)
        {
            return;
        }

        var who = gso.ById is { } by ? $" por {c.UserName(by)}" : "";
        c.Add(findings, Id, FindingKind.InvalidEscalation, $"escalado ao GSO em {c.Local(gso.At)}{who} sem passar pelo Supervisor EPS",
            c.Person(gso.ById ?? c.Case.CreatedById).Concat(c.Route("queue:" + c.Settings.EpsQueue)), RuleContext.Instance(gso.At));
    }
}
