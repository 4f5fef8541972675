namespace SfBridge.Mappings.Org;

/// <summary>
/// What the org check read, as the integration user sees it: objects it may query, object describes, Case record types,
/// queues and public groups, and the users, Chatter groups and accounts the mappings name (keyed by 18-character id).
/// Reads that the org refused are kept as problems rather than failing the whole check.
/// </summary>
public sealed record OrgFacts
{
    /// <summary>Objects of the global describe and whether the user may query each; null when the global describe was refused.</summary>
    public IReadOnlyDictionary<string, bool>? Queryable { get; init; }

    /// <summary>Describes by object name; a null value is an object the org answered 404 for.</summary>
    public IReadOnlyDictionary<string, Salesforce.SObjectDescribe?> Describes { get; init; } = new Dictionary<string, Salesforce.SObjectDescribe?>();

    public IReadOnlyList<OrgRecordType>? RecordTypes { get; init; }

    public IReadOnlyList<OrgGroup>? Groups { get; init; }

    public IReadOnlyDictionary<string, OrgUser>? Users { get; init; }

    public IReadOnlySet<string>? ChatterGroups { get; init; }

    public IReadOnlySet<string>? Accounts { get; init; }

    /// <summary>Reads the org refused (no access to an object, a field of it): each one line.</summary>
    public IReadOnlyList<string> Refused { get; init; } = [];

    public Salesforce.SObjectDescribe? Describe(string objectName) => Describes.GetValueOrDefault(objectName);
}
