namespace SfBridge.Rules;

/// <summary>A case comment: published (the customer sees it) or private (internal).</summary>
public sealed record CaseComment(string? Body, bool IsPublished, DateTimeOffset CreatedDate, string? CreatedById)
{
    /// <summary>The author's Salesforce UserType when known (<c>Standard</c> for internal users, portal types for customers).</summary>
    public string? AuthorType { get; init; }
}

/// <summary>An e-mail on the case; <see cref="Incoming"/> true when it was received.</summary>
public sealed record CaseEmail(bool Incoming, bool HasAttachment, DateTimeOffset? MessageDate, string? Subject)
{
    /// <summary>Salesforce's status code as text: "3" sent, "5" draft (a draft never left).</summary>
    public string? Status { get; init; }

    public string? FromAddress { get; init; }

    /// <summary>Recipients, semicolon-separated as Salesforce stores them.</summary>
    public string? ToAddress { get; init; }

    public string? CcAddress { get; init; }

    public string? Body { get; init; }

    public string? CreatedById { get; init; }

    public bool IsDraft => Status == "5";
}

/// <summary>An activity logged on the case (Task): a completed call is a contact with the customer.</summary>
public sealed record CaseTask(string? Subtype, bool IsClosed, DateTimeOffset At, string? ById)
{
    public bool IsCompletedCall => IsClosed && string.Equals(Subtype, "Call", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A tracked field change from the case history (Status, Owner, the awaiting field, ...), by API name.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue, DateTimeOffset At, string? ById = null)
{
    public const string StatusField = "Status";
    public const string OwnerField = "Owner";

    /// <summary>
    /// Changes written within this of each other were saved together (one save: a status and an owner set at once, a
    /// note written with a move, a flow running with the change that fired it).
    /// </summary>
    public static readonly TimeSpan SavedTogether = TimeSpan.FromMinutes(1);

    public static FieldChange Status(string? oldValue, string? newValue, DateTimeOffset at, string? byId = null) => new(StatusField, oldValue, newValue, at, byId);

    public static FieldChange Owner(string? oldId, string? newId, DateTimeOffset at, string? byId = null) => new(OwnerField, oldId, newId, at, byId);
}

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

    public IReadOnlyList<CaseTask> Tasks { get; init; } = [];

    public int AttachmentCount { get; init; }

    /// <summary>Tracked field changes, oldest first.</summary>
    public IReadOnlyList<FieldChange> History { get; init; } = [];

    /// <summary>The pack the worker decided for this case earlier, with the record type it had then (null offline).</summary>
    public (string Pack, string? RecordType)? RememberedPack { get; init; }

    public string? Field(string logicalName) => Fields.TryGetValue(logicalName, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    public bool Flag(string logicalName) => Field(logicalName) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>Changes of one field (API name, case-insensitive), oldest first.</summary>
    public IReadOnlyList<FieldChange> Changes(string field)
    {
        List<FieldChange>? changes = null;
        foreach (var h in History)
        {
            if (string.Equals(h.Field, field, StringComparison.OrdinalIgnoreCase))
            {
                (changes ??= []).Add(h);
            }
        }

        return changes ?? (IReadOnlyList<FieldChange>)[];
    }

    /// <summary>When the case ended: its closed date, else its last modification (closed cases only).</summary>
    public DateTimeOffset? EndedAt => IsClosed ? ClosedDate ?? SystemModstamp : null;
}
