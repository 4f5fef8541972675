namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-02: an incident with no action in its first minutes (target 10 minutes) is escalated to the responsible team of
/// the escalation matrix, who is mentioned; the CMC's greeting to the customer is not an action.
/// </summary>
public sealed class FirstActionRule : IRule
{
    public string Id => "BIL-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var since = c.PackSince;
        var first = Incident.Actions(c) is [var action, ..] ? action.At : (DateTimeOffset?)null;
        if (!c.IsOpen && first is null)
        {
            c.NotApplicable($"o status \"{c.Case.Status}\" conta como caso encerrado, e o incidente não teve nenhuma ação");
            return;
        }

        if (Incident.Matrix(c) is not { } matrix)
        {
            if (Incident.Number(c) is { } incident)
            {
                c.NotApplicable($"nenhuma linha da matriz de escalonamento cobre o incidente {incident}");
            }
            else
            {
                c.NotApplicable("o caso não tem número de incidente, e a matriz de escalonamento não tem linha padrão");
            }
            return;
        }

        var clock = c.Clock(Id).Measure(since, first, c.Closures(), c.Now);
        if (!c.ClockRaises(clock, warn: false))
        {
            return;
        }

        var what = first is null
            ? $"incidente sem nenhuma ação nos primeiros {c.Target(Id)}; acionar {matrix.Team} e solicitar prioridade"
            : $"primeira ação no incidente só em {c.Local(first.Value)}, depois dos primeiros {c.Target(Id)}";
        c.AddClock(findings, Id, clock, what, c.Mention(matrix.BusinessHoursMention).Concat(c.OwnerQueueRoute()), since, warn: false);
    }
}
