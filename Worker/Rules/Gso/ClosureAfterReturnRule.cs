using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>GSO-08: once returned to N2 ("Concluído III") the case must be closed within the target (1 business day).</summary>
public sealed class ClosureAfterReturnRule : IRule
{
    public string Id => "GSO-08";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (!c.StatusIs(c.Settings.ReturnedStatus))
        {
            c.NotApplicable($"o caso está com o status \"{c.Case.Status}\", e a regra só vale para \"{c.Settings.ReturnedStatus}\"");
            return;
        }

        var returned = c.Case.Changes(FieldChange.StatusField).Where(h => TextKey.Of(h.NewValue) == TextKey.Of(c.Settings.ReturnedStatus))
                           .Select(h => (DateTimeOffset?)h.At).Max() ?? c.Case.SystemModstamp ?? c.Case.CreatedDate;
        var clock = c.Clock(Id).Measure(returned, null, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, $"devolvido ao N2 em {c.Local(returned)} e ainda não fechado (prazo de {c.Target(Id)})",
                c.Person(c.Case.OwnerId).Concat(c.Route("queue:" + c.Settings.EpsQueue)), returned, warn: false, breachKind: FindingKind.ClosurePending);
        }
    }
}
