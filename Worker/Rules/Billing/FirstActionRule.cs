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
        var first = Incident.Actions(c).FirstOrDefault(a => a.At >= c.Case.CreatedDate)?.At;
        if ((!c.IsOpen && first is null) || Incident.Matrix(c) is not { } matrix)
        {
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, first, [], c.Now);
        var what = first is null
            ? $"incidente sem nenhuma ação nos primeiros {c.Target(Id)}; acionar {matrix.Team} e solicitar prioridade"
            : $"primeira ação no incidente só em {c.Local(first.Value)}, depois dos primeiros {c.Target(Id)}";
        c.AddClock(findings, Id, clock, what, c.Mention(matrix.BusinessHoursMention).Concat(c.OwnerQueueRoute()), c.Case.CreatedDate, warn: false);
    }
}
