namespace SfBridge.Rules;

/// <summary>An internal user (UserType Standard unless said otherwise); inactive users are known so they are never mentioned.</summary>
public sealed record UserInfo(string Id, string? Name, string? ManagerId, bool IsActive)
{
    public string? UserType { get; init; }

    public string? RoleId { get; init; }
}

/// <summary>A Group: a queue (Type Queue), a public group (Regular) or a role group (Role, RoleAndSubordinates...).</summary>
public sealed record QueueInfo(string Id, string DeveloperName, string? Name, string? Type)
{
    /// <summary>For role groups, the UserRole they stand for.</summary>
    public string? RelatedId { get; init; }
}

/// <summary>A role in the role hierarchy (for queue members reached through roles and subordinates).</summary>
public sealed record RoleInfo(string Id, string? ParentRoleId);

/// <summary>An Omni-Channel routing offer (AgentWork) for a case.</summary>
public sealed record AgentWorkInfo(string WorkItemId, string? UserId, string? GroupId, string? Status, DateTimeOffset? RequestDateTime, DateTimeOffset? AcceptDateTime)
{
    /// <summary>The agent declined the offer or let it time out.</summary>
    public bool IsDeclined => Status is "Declined" or "DeclinedOnPushTimeout";
}

/// <summary>Work waiting for an agent (PendingServiceRouting).</summary>
public sealed record PendingRoutingInfo(string WorkItemId, string? GroupId, DateTimeOffset CreatedDate);

/// <summary>The first time the worker saw a case routed to a queue (Omni-Channel deletes the routing row on acceptance).</summary>
public sealed record FirstRoutingInfo(string CaseId, string QueueId, DateTimeOffset At);

/// <summary>A user's current Omni-Channel presence.</summary>
public sealed record PresenceInfo(string UserId, string? Status, DateTimeOffset? Since, bool IsAway);

public sealed record AccountInfo(string Id, string? Name, bool KeyAccountFlag, decimal? StoreCount);

/// <summary>An order in GAR (the certificate-order system).</summary>
public sealed record GarOrder(string OrderNumber, string Status, DateTimeOffset? ValidatedAt, DateTimeOffset? UpdatedAt);

/// <summary>
/// A GAR answer, when SfBridge first saw it and when it last saw it again (null: when is unknown, as in an offline snapshot;
/// a last sighting unknown is the first).
/// </summary>
public sealed record GarObservation(GarOrder Order, DateTimeOffset? SeenAt, DateTimeOffset? LastSeenAt = null)
{
    /// <summary>The last time GAR gave this answer; null when unknown.</summary>
    public DateTimeOffset? LastSeen => LastSeenAt ?? SeenAt;
}

/// <summary>A message of a messaging session (WhatsApp, web chat) linked to a case.</summary>
public sealed record MessagingEntry(string CaseId, string? ActorType, string? ActorId, DateTimeOffset At, string? Text)
{
    public bool IsFromAgent => string.Equals(ActorType, "Agent", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An open case as counted for backlogs: owner, pack, opening time, and whether its account is a key account.</summary>
public sealed record OpenCaseRef(string CaseId, string? OwnerId, string Pack, DateTimeOffset CreatedDate, bool KeyAccount = false);

/// <summary>Everything an <see cref="OrgContext"/> is built from; every part is optional.</summary>
public sealed record OrgData
{
    public IEnumerable<UserInfo> Users { get; init; } = [];

    public IEnumerable<QueueInfo> Groups { get; init; } = [];

    public IEnumerable<(string GroupId, string MemberId)> Members { get; init; } = [];

    public IEnumerable<RoleInfo> Roles { get; init; } = [];

    public IEnumerable<AgentWorkInfo> AgentWork { get; init; } = [];

    public IEnumerable<PendingRoutingInfo> Pending { get; init; } = [];

    public IEnumerable<FirstRoutingInfo> FirstRoutings { get; init; } = [];

    public IEnumerable<PresenceInfo> Presence { get; init; } = [];

    public IEnumerable<AccountInfo> Accounts { get; init; } = [];

    /// <summary>GAR answers; null when GAR gave none (down or not configured).</summary>
    public IEnumerable<GarObservation>? Gar { get; init; }

    /// <summary>Orders GAR was asked about (found or not); null when everything GAR knows is in <see cref="Gar"/>.</summary>
    public IEnumerable<string>? GarChecked { get; init; }

    /// <summary>The last time GAR answered about each order (found or not); null or missing when unknown (an offline snapshot).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? GarAnswered { get; init; }

    /// <summary>Whether GAR's last run found some order; null when unknown (an offline snapshot): then any answer found counts.</summary>
    public bool? GarFoundLately { get; init; }

    public IEnumerable<MessagingEntry> Messages { get; init; } = [];

    public IEnumerable<OpenCaseRef> OpenCases { get; init; } = [];

    /// <summary>Whether the org records owner history (some case judged has an owner change on record).</summary>
    public bool TracksOwnerHistory { get; init; }

    /// <summary>Users that act for systems, not people (the integration user): their records are never an agent's.</summary>
    public IEnumerable<string> SystemUsers { get; init; } = [];
}
