namespace SfBridge.Salesforce;

/// <summary>
/// The part of <c>GET /sobjects/{object}/describe</c> SfBridge reads. The describe reflects the calling user: a field
/// the user's field-level security hides is absent from <see cref="Fields"/>, exactly as it is absent from queries.
/// </summary>
public sealed record SObjectDescribe
{
    public required string Name { get; init; }

    /// <summary>The user can query the object.</summary>
    public bool Queryable { get; init; }

    /// <summary>The user can edit records of the object.</summary>
    public bool Updateable { get; init; }

    public IReadOnlyList<FieldDescribe> Fields { get; init => field = value ?? []; } = []; // a null in the JSON reads as empty

    /// <summary>The field by API name (case-insensitive, as SOQL reads names), or null when the user cannot see it.</summary>
    public FieldDescribe? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The lookup field whose relationship name is <paramref name="relationship"/> (Owner for OwnerId, Conta__r for Conta__c).</summary>
    public FieldDescribe? Relationship(string relationship) =>
        Fields.FirstOrDefault(f => string.Equals(f.RelationshipName, relationship, StringComparison.OrdinalIgnoreCase));
}
