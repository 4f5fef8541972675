using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// Checks a loaded mapping folder against the org itself, read-only: every mapped field exists on its object for the
/// integration user with a usable type (the critical mark editable), the escalation-category picklist and categories.csv
/// match both ways, and the record types, queues, public groups, users, Chatter groups and accounts the files name exist
/// (mentioned users active). Shared by <c>validate-mappings --org</c> and the start of <c>run</c>.
/// </summary>
public static class OrgCheck
{
    public static async Task<OrgCheckResult> RunAsync(SalesforceClient client, Policy policy, string folder, CancellationToken cancellationToken)
    {
        var references = MappingReferences.Read(folder);
        var facts = await OrgFactsReader.ReadAsync(client, policy, references, cancellationToken);
        var problems = OrgJudge.Judge(policy, references, facts);
        var picklist = facts.Describe("Case")?.Field(policy.Fields[Rules.LogicalField.EscalationCategory])?.PicklistValues.Count(p => p.Active) ?? 0;
        var summary = $"{policy.Fields.Count} mapped fields, {facts.RecordTypes?.Count ?? 0} Case record types, {facts.Groups?.Count ?? 0} queues and public groups, " +
                      $"{facts.Users?.Count ?? 0} users, {facts.ChatterGroups?.Count ?? 0} Chatter groups, {facts.Accounts?.Count ?? 0} accounts, " +
                      $"{picklist} escalation categories in the picklist";
        return new OrgCheckResult(problems, summary);
    }

    /// <summary>"9 API calls: 4 describe, 5 query": the calls counted between two readings of <see cref="ApiUsageMonitor.CallsByEndpoint"/>.</summary>
    public static string Calls(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        // Token requests do not count against the org's daily API allocation; every data call does, retries included.
        var made = after.Where(e => e.Key != "token").Select(e => (Kind: e.Key, Count: e.Value - before.GetValueOrDefault(e.Key))).Where(e => e.Count > 0)
            .OrderBy(e => e.Kind == "describe" ? 0 : e.Kind == "query" ? 1 : 2).ThenBy(e => e.Kind, StringComparer.Ordinal).ToList();
        var total = made.Sum(e => e.Count);
        return $"{total} API call{(total == 1 ? "" : "s")}" + (made.Count == 0 ? "" : ": " + string.Join(", ", made.Select(e => $"{e.Count} {e.Kind}")));
    }
}
