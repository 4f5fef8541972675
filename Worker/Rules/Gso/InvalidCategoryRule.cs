using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>GSO-01: the escalation category must be one of the situations the GSO team accepts (seed 000).</summary>
public sealed class InvalidCategoryRule : IRule
{
    public string Id => "GSO-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen)
        {
            return;
        }

        var category = c.Case.Field(LogicalField.EscalationCategory);
        if (category is null)
        {
            c.Add(findings, Id, FindingKind.InvalidEscalation, "categoria de escalonamento não preenchida", GsoMentions.AgentAndEps(c), "empty");
        }
        else if (c.Policy.Category(c.Pack, category) is null)
        {
            c.Add(findings, Id, FindingKind.InvalidEscalation, $"a categoria \"{category}\" não é uma das situações aceitas pelo GSO",
                GsoMentions.AgentAndEps(c), TextKey.Of(category));
        }
    }
}
