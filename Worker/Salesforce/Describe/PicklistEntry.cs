namespace SfBridge.Salesforce;

/// <summary>A picklist value of a field describe: the API value records hold, its label, and whether users can still pick it.</summary>
public sealed record PicklistEntry
{
    public required string Value { get; init; }

    public string? Label { get; init; }

    public bool Active { get; init; }
}
