using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-01: the escalation category must be one of the situations the GSO team accepts (seed 000), in its full
/// wording or a short form; an unknown value is answered with the closest accepted category. Judged once the case
/// has been escalated (reached Supervisor EPS or GSO).
/// </summary>
public sealed class InvalidCategoryRule : IRule
{
    public string Id => "GSO-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (GsoMentions.Escalated(c) is null)
        {
            c.NotApplicable("o caso ainda não foi escalado ao Supervisor EPS nem ao GSO");
            return;
        }

        var category = c.Case.Field(LogicalField.EscalationCategory);
        if (category is null)
        {
            c.Add(findings, Id, FindingKind.InvalidEscalation, "a categoria de escalonamento não foi preenchida", GsoMentions.AgentAndEps(c), "empty");
        }
        else if (c.Policy.Category(c.Pack, category) is null)
        {
            var closest = c.Policy.ClosestCategory(c.Pack, category);
            // In parentheses: the templates end the detail with a full stop, which after a question mark read '?".'.
            var hint = closest is null ? "" : $" (você quis dizer \"{closest.Name}\"?)";
            c.Add(findings, Id, FindingKind.InvalidEscalation, $"a categoria \"{category}\" não é uma das situações aceitas pelo GSO{hint}",
                GsoMentions.AgentAndEps(c), TextKey.Of(category));
        }
    }
}
