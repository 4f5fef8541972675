namespace SfBridge.Salesforce;

/// <summary>
/// One entry of a describe's <c>fields[]</c>. <see cref="Type"/> is Salesforce's own: boolean (a checkbox), string,
/// textarea, picklist, multipicklist, combobox, email, phone, url, reference, id, date, datetime, time, double, int,
/// currency, percent…
/// </summary>
public sealed record FieldDescribe
{
    public required string Name { get; init; }

    public string Type { get; init; } = "";

    public string? Label { get; init; }

    /// <summary>The user can change the field (field-level security and the field's own nature: formulas never are).</summary>
    public bool Updateable { get; init; }

    public bool Nillable { get; init; }

    public bool Custom { get; init; }

    /// <summary>For a lookup, the name to traverse it in SOQL (Owner, Conta__r); null otherwise.</summary>
    public string? RelationshipName { get; init; }

    /// <summary>The objects a lookup can point at (more than one for a polymorphic lookup such as Case.OwnerId).</summary>
    public IReadOnlyList<string> ReferenceTo { get; init => field = value ?? []; } = []; // a null in the JSON reads as empty

    /// <summary>The values of a picklist, active and inactive, in the org's order.</summary>
    public IReadOnlyList<PicklistEntry> PicklistValues { get; init => field = value ?? []; } = []; // a null in the JSON reads as empty
}
