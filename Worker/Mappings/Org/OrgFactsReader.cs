using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// Reads what the org check needs with as few calls as the mappings allow, read-only: the global describe, the Case
/// describe and those of the objects mapped fields reach through lookups (Account, Contact), then one query each for
/// Case record types, queues and public groups, and the users, Chatter groups and accounts the mappings name (by id,
/// 200 per query). A read the org refuses (no access) is noted and the rest goes on; an org that cannot be reached or
/// refuses the login fails the whole read.
/// </summary>
internal static class OrgFactsReader
{
    private const int IdsPerQuery = 200;
    private static readonly string[] GroupTypes = ["Queue", "Regular"];

    public static async Task<OrgFacts> ReadAsync(SalesforceClient client, Policy policy, MappingReferences references, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        var global = await TryAsync<IReadOnlyList<SObjectSummary>>(async () => await client.DescribeGlobalAsync(cancellationToken), refused);
        var queryable = global?.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Queryable, StringComparer.OrdinalIgnoreCase);
        var describes = new Dictionary<string, SObjectDescribe?>(StringComparer.OrdinalIgnoreCase);
        async Task<SObjectDescribe?> DescribeAsync(string name)
        {
            if (!describes.TryGetValue(name, out var describe))
            {
                describe = await TryAsync(() => client.DescribeAsync(name, cancellationToken), refused);
                describes[name] = describe;
            }

            return describe;
        }

        var caseDescribe = await DescribeAsync("Case");
        foreach (var path in policy.Fields.Values.Where(p => p.Contains('.')).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Account.Cliente_Chave__c: the lookup on Case named Account leads to the object to describe.
            var current = caseDescribe;
            foreach (var hop in path.Split('.')[..^1])
            {
                if (current?.Relationship(hop) is not { ReferenceTo.Count: 1 } lookup)
                {
                    break;
                }

                current = await DescribeAsync(lookup.ReferenceTo[0]);
            }
        }

        bool Needs(params OrgReferenceKind[] kinds) => references.References.Any(r => kinds.Contains(r.Kind));
        async Task<List<SObjectRecord>?> QueryAsync(string objectName, Func<IReadOnlyList<string>?, Soql> soql, IReadOnlyList<string>? ids = null)
        {
            if (queryable is not null && !queryable.GetValueOrDefault(objectName))
            {
                refused.Add($"the integration user cannot query {objectName}, so what the mappings name there was not checked");
                return null;
            }

            var records = new List<SObjectRecord>();
            foreach (var chunk in ids is null ? [null] : ids.Chunk(IdsPerQuery).Select(c => (IReadOnlyList<string>?)c))
            {
                if (await TryAsync<List<SObjectRecord>>(async () => await client.QueryAsync(soql(chunk), cancellationToken: cancellationToken).ToListAsync(cancellationToken), refused) is not { } page)
                {
                    return null;
                }

                records.AddRange(page);
            }

            return records;
        }

        var recordTypes = Needs(OrgReferenceKind.RecordType)
            ? (await QueryAsync("RecordType", _ => Soql.Create($"SELECT Id, DeveloperName, IsActive FROM RecordType WHERE SobjectType = {"Case"}")))
                ?.Select(r => new OrgRecordType(r.Id!, r.GetString("DeveloperName") ?? "", r.GetBoolean("IsActive") ?? true)).ToList()
            : [];
        var groups = Needs(OrgReferenceKind.Queue, OrgReferenceKind.PublicGroup)
            ? (await QueryAsync("Group", _ => Soql.Create($"SELECT Id, DeveloperName, Type FROM Group WHERE Type IN {GroupTypes}")))
                ?.Select(r => new OrgGroup(r.Id!, r.GetString("DeveloperName") ?? "", r.GetString("Type") ?? "")).ToList()
            : [];
        var userIds = Ids(references, SalesforceId.UserPrefix, OrgReferenceKind.User, OrgReferenceKind.MentionedUser);
        var users = userIds.Count == 0 ? [] : (await QueryAsync("User", ids => Soql.Create($"SELECT Id, Name, IsActive FROM User WHERE Id IN {ids!}"), userIds))
            ?.Select(r => new OrgUser(SalesforceId.To18(r.Id!), r.GetString("Name"), r.GetBoolean("IsActive") ?? false)).ToList();
        var groupIds = Ids(references, SalesforceId.CollaborationGroupPrefix, OrgReferenceKind.ChatterGroup);
        var chatter = groupIds.Count == 0 ? [] : await QueryAsync("CollaborationGroup", ids => Soql.Create($"SELECT Id, Name FROM CollaborationGroup WHERE Id IN {ids!}"), groupIds);
        var accountIds = Ids(references, "001", OrgReferenceKind.Account);
        var accounts = accountIds.Count == 0 ? [] : await QueryAsync("Account", ids => Soql.Create($"SELECT Id FROM Account WHERE Id IN {ids!}"), accountIds);
        return new OrgFacts
        {
            Queryable = queryable,
            Describes = describes,
            RecordTypes = recordTypes,
            Groups = groups,
            Users = users?.ToDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase),
            ChatterGroups = chatter?.Select(r => SalesforceId.To18(r.Id!)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Accounts = accounts?.Select(r => SalesforceId.To18(r.Id!)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Refused = refused,
        };
    }

    private static List<string> Ids(MappingReferences references, string prefix, params OrgReferenceKind[] kinds) =>
        references.References.Where(r => kinds.Contains(r.Kind) && SalesforceId.HasPrefix(r.Value, prefix))
            .Select(r => SalesforceId.To18(r.Value)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>The read, or null with one line noted when the org refused it for good (no access); anything else propagates.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T?>> read, List<string> refused) where T : class
    {
        try
        {
            return await read();
        }
        catch (SalesforceApiException ex) when (ex is not SalesforceAuthException && !ex.IsTransient && ex.ErrorCode != "REQUEST_LIMIT_EXCEEDED")
        {
            refused.Add(ex.Message);
            return null;
        }
    }
}
