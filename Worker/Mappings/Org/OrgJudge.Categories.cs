using SfBridge.Rules;

namespace SfBridge.Mappings.Org;

public static partial class OrgJudge
{
    /// <summary>
    /// The escalation-category picklist against categories.csv, both ways, compared as the rules compare (case, accents,
    /// dashes, spacing and parenthesised glosses ignored, aliases included). Inactive values are left alone: agents can no
    /// longer pick them.
    /// </summary>
    private static IEnumerable<OrgProblem> Categories(Policy policy, MappingReferences references, OrgFacts facts)
    {
        var api = policy.Fields[LogicalField.EscalationCategory];
        if (Resolve(facts, api).Field is not { Type: "picklist" or "multipicklist" or "combobox" } field)
        {
            yield break; // a text field has no values to compare; a missing one is reported with the fields
        }

        var values = field.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
        var packs = policy.Categories.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var value in values.Where(v => !packs.Any(p => policy.Category(p, v) is not null)))
        {
            var closest = packs.Select(p => policy.ClosestCategory(p, value)).FirstOrDefault(c => c is not null);
            var row = closest is null ? null : references.Categories.FirstOrDefault(r => r.Pack == closest.Pack && r.Name == closest.Name);
            yield return new OrgProblem(row is not null
                ? row.Aliases.Problem($"the picklist value '{value}' of Case.{api} matches no category; closest is '{closest!.Name}' ({closest.Pack}): " +
                                      "add the value to its aliases if it means the same, or a row of its own")
                : references.FieldCell(LogicalField.EscalationCategory).Problem($"the picklist value '{value}' of Case.{api} matches no category of categories.csv: add a row (or an alias) for it"));
        }

        foreach (var row in references.Categories)
        {
            if (policy.Categories.GetValueOrDefault(row.Pack)?.FirstOrDefault(c => c.Name == row.Name) is not { } category ||
                values.Any(v => policy.Category(row.Pack, v) == category))
            {
                continue;
            }

            var suggestion = Closest(row.Name, values, category.Keys) is { } closest ? $"; did you mean '{closest}'? (add it to the aliases)" : "";
            yield return new OrgProblem(row.Category.Problem($"category '{row.Name}' ({row.Pack}) matches no active value of the Case.{api} picklist{suggestion}"));
        }
    }

    /// <summary>
    /// The SLA tier picklist against sla_tiers.csv, both ways, compared as PIT-01 compares (case and accents ignored): a
    /// value no tier matches, or a tier no value matches, is a Pit Stop case PIT-01 never judges.
    /// </summary>
    private static IEnumerable<OrgProblem> Tiers(Policy policy, MappingReferences references, OrgFacts facts)
    {
        var api = policy.Fields[LogicalField.SlaTier];
        if (Resolve(facts, api).Field is not { Type: "picklist" or "combobox" } field)
        {
            yield break;
        }

        var values = field.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
        foreach (var value in values.Where(v => !policy.Tiers.Any(t => TextKey.Of(t.Tier) == TextKey.Of(v))))
        {
            yield return new OrgProblem(references.FieldCell(LogicalField.SlaTier).Problem(
                $"the picklist value '{value}' of Case.{api} matches no tier of sla_tiers.csv: PIT-01 would not judge a case in it (add a row)"));
        }

        foreach (var (tier, cell) in references.Tiers.Where(t => !values.Any(v => TextKey.Of(v) == TextKey.Of(t.Tier))))
        {
            var suggestion = Closest(tier, values) is { } closest ? $"; did you mean '{closest}'?" : "";
            yield return new OrgProblem(cell.Problem($"tier '{tier}' matches no active value of the Case.{api} picklist{suggestion}"));
        }
    }
}
