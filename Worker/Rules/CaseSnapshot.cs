namespace SfBridge.Rules;

/// <summary>A case comment: internal unless published to the customer.</summary>
public sealed record CaseComment(string? Body, bool IsPublished, DateTimeOffset CreatedDate, string? CreatedById);

/// <summary>An e-mail on the case; <see cref="Incoming"/> true when the customer sent it.</summary>
public sealed record CaseEmail(bool Incoming, bool HasAttachment, DateTimeOffset? MessageDate, string? Subject);

/// <summary>A status change from the case history.</summary>
public sealed record StatusChange(string? OldValue, string? NewValue, DateTimeOffset At);

/// <summary>
/// One case as the rules see it, in SfBridge's own terms. Org-specific custom fields are read through the field
/// map into <see cref="Fields"/>, keyed by logical name (<see cref="LogicalField"/>).
/// </summary>
public sealed record CaseSnapshot
{
    public required string Id { get; init; }

    public required string CaseNumber { get; init; }

    public string? Subject { get; init; }

    public string? Description { get; init; }

    public string? Status { get; init; }

    public string? Priority { get; init; }

    public string? Origin { get; init; }

    public string? Type { get; init; }

    public string? OwnerId { get; init; }

    public string? OwnerName { get; init; }

    public string? RecordType { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    public DateTimeOffset? ClosedDate { get; init; }

    public bool IsClosed { get; init; }

    public DateTimeOffset? SystemModstamp { get; init; }

    public string? AccountId { get; init; }

    public string? CreatedById { get; init; }

    public string? ParentId { get; init; }

    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<CaseComment> Comments { get; init; } = [];

    public IReadOnlyList<CaseEmail> Emails { get; init; } = [];

    public int AttachmentCount { get; init; }

    public IReadOnlyList<StatusChange> StatusHistory { get; init; } = [];

    public string? Field(string logicalName) => Fields.TryGetValue(logicalName, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    public bool Flag(string logicalName) => Field(logicalName) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");
}
