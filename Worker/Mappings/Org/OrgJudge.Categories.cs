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
}
