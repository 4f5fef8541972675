namespace SfBridge.Salesforce;

/// <summary>One object of <c>GET /sobjects</c> (the global describe): its name and what the calling user may do with it.</summary>
public sealed record SObjectSummary
{
    public required string Name { get; init; }

    public bool Queryable { get; init; }

    public bool Updateable { get; init; }
}
