using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

public static partial class OrgJudge
{
    // An address (Contact.MailingAddress) is read as its parts in one text: "São Paulo, Brasil, 01310-200, SP, Av. Paulista, 1578".
    private static readonly string[] TextTypes = ["string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url", "reference", "id", "encryptedstring", "address"];

    /// <summary>The field types the rules can read a logical field from; any other logical field is read as text.</summary>
    private static readonly Dictionary<string, (string[] Types, string What)> Expected = new(StringComparer.Ordinal)
    {
        [LogicalField.CriticalMark] = (["boolean"], "a checkbox"),
        [LogicalField.ManagerValidation] = (["boolean"], "a checkbox"),
        [LogicalField.KeyAccountFlag] = (["boolean"], "a checkbox"),
        [LogicalField.StoreCount] = (["double", "int", "long", "currency", "percent"], "a number"),
        [LogicalField.Return] = (["datetime", "date", "string", "textarea"], "a date/time (or text holding one)"),
        [LogicalField.EscalationCategory] = (["picklist", "string", "combobox"], "a picklist or text"),
        [LogicalField.SlaTier] = (["picklist", "string", "combobox"], "a picklist or text"),
    };

    /// <summary>A field path followed from Case: the field, or why it is missing; neither when it cannot be checked (a polymorphic lookup).</summary>
    private readonly record struct Resolved(FieldDescribe? Field, string? Missing);

    private static IEnumerable<OrgProblem> Fields(Policy policy, MappingReferences references, OrgFacts facts)
    {
        if (!facts.Describes.TryGetValue("Case", out var caseDescribe) || caseDescribe is null)
        {
            yield return OrgProblem.Org("the integration user cannot describe Case (no access, or the describe failed): the mapped fields were not checked", stopsWorker: true);
            yield break;
        }

        foreach (var path in Sync.CaseQuery.Standard)
        {
            if (Resolve(facts, path).Missing is { } missing)
            {
                yield return OrgProblem.Org($"Case.{path}: {missing}; every case query selects it and would fail", stopsWorker: true);
            }
        }

        foreach (var (logical, api) in policy.Fields.OrderBy(f => references.FieldCell(f.Key).Line))
        {
            var cell = references.FieldCell(logical);
            var named = cell.Line > 0 ? $"Case.{api}" : $"Case.{api} (the default for {logical}: fields.csv does not list it)";
            var resolved = Resolve(facts, api);
            if (resolved.Missing is { } missing)
            {
                yield return new OrgProblem(cell.Problem($"{named}: {missing}; every case query selects the mapped fields and would fail"), StopsWorker: true);
                continue;
            }

            if (resolved.Field is not { } field)
            {
                continue;
            }

            var (types, what) = Expected.GetValueOrDefault(logical, (TextTypes, "text"));
            if (!types.Contains(field.Type, StringComparer.OrdinalIgnoreCase))
            {
                yield return new OrgProblem(cell.Problem($"{named} is a {field.Type} field, but SfBridge reads {logical} as {what}"));
            }

            if (logical == LogicalField.CriticalMark && !field.Updateable)
            {
                yield return new OrgProblem(cell.Problem($"the integration user cannot edit {named}: GSO-06 could not set the critical mark (give it edit access to the field)"));
            }
        }
    }

    /// <summary>Follows <c>Account.Cliente_Chave__c</c> from Case through the lookups the describes show.</summary>
    private static Resolved Resolve(OrgFacts facts, string path)
    {
        var objectName = "Case";
        var describe = facts.Describe(objectName);
        var hops = path.Split('.');
        foreach (var hop in hops[..^1])
        {
            if (describe?.Relationship(hop) is not { } lookup)
            {
                return new Resolved(null, $"{objectName} has no lookup named {hop} that the integration user can read");
            }

            if (lookup.ReferenceTo.Count != 1 || !facts.Describes.TryGetValue(lookup.ReferenceTo[0], out describe))
            {
                return default; // a polymorphic lookup (Owner) or a parent not described: nothing more to check
            }

            objectName = lookup.ReferenceTo[0];
            if (describe is null)
            {
                return new Resolved(null, $"the integration user cannot see {objectName}");
            }
        }

        return describe?.Field(hops[^1]) is { } field
            ? new Resolved(field, null)
            : new Resolved(null, $"{objectName}.{hops[^1]} does not exist, or the integration user cannot read it (field-level security)");
    }
}
