using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>GSO-06: Ouvidoria / Corporativo categories and urgent priority must carry the critical mark; the worker sets it.</summary>
public sealed class CriticalMarkRule : IRule
{
    public string Id => "GSO-06";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (c.Case.Flag(LogicalField.CriticalMark))
        {
            c.NotApplicable("o caso já tem a marcação de caso crítico");
            return;
        }

        var category = c.Policy.Category(c.Pack, c.Case.Field(LogicalField.EscalationCategory));
        var reason = category is { Critical: true } ? $"categoria \"{category.Name}\""
            : PolicySettings.Is(c.Settings.UrgentPriorities, c.Case.Priority) ? $"prioridade {c.Case.Priority}"
            : null;
        if (reason is not null)
        {
            c.Add(findings, Id, FindingKind.Critical, $"{reason} exige a marcação de caso crítico", c.Route("queue:" + c.Settings.EpsQueue), "mark", severity: Severity.Critical);
        }
    }
}
