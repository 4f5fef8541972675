using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

public static partial class OrgJudge
{
    /// <summary>Record types, queues, public groups, users, Chatter groups, accounts and origins the mappings name.</summary>
    private static IEnumerable<OrgProblem> References(MappingReferences references, OrgFacts facts)
    {
        foreach (var reference in references.References)
        {
            if (Check(reference, facts) is { } message)
            {
                yield return new OrgProblem(reference.Cell.Problem(message));
            }
        }
    }

    private static string? Check(OrgReference reference, OrgFacts facts)
    {
        var value = reference.Value;
        switch (reference.Kind)
        {
            case OrgReferenceKind.RecordType when facts.RecordTypes is { } types:
                var type = types.FirstOrDefault(t => TextKey.Of(t.DeveloperName) == TextKey.Of(value));
                return type is null ? $"no Case record type has the DeveloperName '{value}'{DidYouMean(value, types.Select(t => t.DeveloperName))}"
                    : !type.IsActive ? $"the Case record type '{type.DeveloperName}' is inactive: no new case gets it"
                    : null;
            case OrgReferenceKind.Queue or OrgReferenceKind.PublicGroup when facts.Groups is { } groups:
                return Group(reference, groups);
            case OrgReferenceKind.User or OrgReferenceKind.MentionedUser when facts.Users is { } users:
                var user = SalesforceId.IsValid(value) ? users.GetValueOrDefault(SalesforceId.To18(value)) : null;
                return user is null ? $"no User has the id {value}"
                    : reference.Kind == OrgReferenceKind.MentionedUser && !user.IsActive
                        ? $"the User {value} ({user.Name}) is inactive: SfBridge never mentions inactive users: the others of its level are told, or the route's next level when none of them is left"
                        : null;
            case OrgReferenceKind.ChatterGroup when facts.ChatterGroups is { } chatter:
                return SalesforceId.IsValid(value) && chatter.Contains(SalesforceId.To18(value)) ? null
                    : $"no Chatter group (CollaborationGroup) the integration user can see has the id {value}";
            case OrgReferenceKind.Account when facts.Accounts is { } accounts:
                return SalesforceId.IsValid(value) && accounts.Contains(SalesforceId.To18(value)) ? null : $"no Account has the id {value}";
            case OrgReferenceKind.Origin when facts.Describe("Case")?.Field("Origin") is { Type: "picklist" } origin:
                var origins = origin.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
                return origins.Any(o => TextKey.Of(o) == TextKey.Of(value)) ? null
                    : $"'{value}' is not an active value of the Case Origin picklist{DidYouMean(value, origins)}";
            case OrgReferenceKind.Status when facts.Describe("Case")?.Field("Status") is { Type: "picklist" } status:
                var statuses = status.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
                return statuses.Any(o => TextKey.Of(o) == TextKey.Of(value)) ? null
                    : $"'{value}' is not an active value of the Case Status picklist{DidYouMean(value, statuses)}: no case would ever be read in it";
            default:
                return null; // the org refused that read: said once already
        }
    }

    /// <summary>
    /// A queue or public group by DeveloperName. Packs and settings compare names ignoring case and accents; mentions.csv keys
    /// are looked up exactly as written, so there the org's spelling must be matched to the letter.
    /// </summary>
    private static string? Group(OrgReference reference, IReadOnlyList<OrgGroup> groups)
    {
        var (wanted, other, what) = reference.Kind == OrgReferenceKind.Queue ? ("Queue", "Regular", "queue") : ("Regular", "Queue", "public group");
        var name = reference.Value;
        var same = groups.Where(g => TextKey.Of(g.DeveloperName) == TextKey.Of(name)).ToList();
        if (same.FirstOrDefault(g => g.Type == wanted) is { } found)
        {
            return reference.Cell.File == "mentions.csv" && found.DeveloperName != name
                ? $"the org writes this {what} '{found.DeveloperName}': mention routes are matched exactly, so write it that way"
                : null;
        }

        return same.Count > 0
            ? $"'{name}' is a {(other == "Queue" ? "queue" : "public group")}, not a {what}"
            : $"no {what} has the DeveloperName '{name}'{DidYouMean(name, groups.Where(g => g.Type == wanted).Select(g => g.DeveloperName))}";
    }

    private static string DidYouMean(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates) is { } closest ? $" (did you mean '{closest}'?)" : "";
}
