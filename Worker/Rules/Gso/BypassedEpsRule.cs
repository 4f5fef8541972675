namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-09: every escalation to GSO passes through Supervisor EPS, who checks it in GAR first (seed 000). A case that
/// reached the GSO queue without having been in the Supervisor EPS queue before (owner history, routing) skipped
/// that check.
/// </summary>
public sealed class BypassedEpsRule : IRule
{
    public string Id => "GSO-09";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        // Without owner history the queue it came from may be invisible: no accusation on a guess.
        if (!c.IsOpen)
        {
            c.NotApplicable($"o status \"{c.Case.Status}\" conta como caso encerrado");
            return;
        }

        if (!c.Journey.KnowsEveryQueue)
        {
            c.Waiting("sem histórico de proprietário do caso, a passagem pelas filas não pode ser conferida");
            return;
        }

        if (c.Reached(c.Settings.GsoQueue) is not { } gso)
        {
            c.NotApplicable($"o caso não chegou à fila {c.Queue(c.Settings.GsoQueue)?.Name ?? c.Settings.GsoQueue}");
            return;
        }

        if (c.Reached(c.Settings.EpsQueue) is { } eps && eps.At <= gso.At)
        {
            return;
        }

        var who = gso.ById is { } by ? $" por {c.UserName(by)}" : "";
        c.Add(findings, Id, FindingKind.InvalidEscalation, $"escalado ao GSO em {c.Local(gso.At)}{who} sem passar pelo Supervisor EPS",
            c.Person(gso.ById ?? c.Case.CreatedById).Concat(c.Route("queue:" + c.Settings.EpsQueue)), RuleContext.Instance(gso.At));
    }
}
