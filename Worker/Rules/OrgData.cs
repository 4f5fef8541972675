namespace SfBridge.Rules;

public sealed record UserInfo(string Id, string? Name, string? ManagerId, bool IsActive);

/// <summary>A Group: a queue (Type Queue) or a public group (Regular).</summary>
public sealed record QueueInfo(string Id, string DeveloperName, string? Name, string? Type);

/// <summary>An Omni-Channel routing offer (AgentWork) for a case.</summary>
public sealed record AgentWorkInfo(string WorkItemId, string? UserId, string? GroupId, string? Status, DateTimeOffset? RequestDateTime, DateTimeOffset? AcceptDateTime);

/// <summary>Work waiting for an agent (PendingServiceRouting).</summary>
public sealed record PendingRoutingInfo(string WorkItemId, string? GroupId, DateTimeOffset CreatedDate);

/// <summary>A user's current Omni-Channel presence.</summary>
public sealed record PresenceInfo(string UserId, string? Status, DateTimeOffset? Since, bool IsAway);

public sealed record AccountInfo(string Id, string? Name, bool KeyAccountFlag, decimal? StoreCount);

/// <summary>An order in GAR (the certificate-order system).</summary>
public sealed record GarOrder(string OrderNumber, string Status, DateTimeOffset? ValidatedAt, DateTimeOffset? UpdatedAt);

/// <summary>An open case as counted for backlogs: owner, pack and opening time.</summary>
public sealed record OpenCaseRef(string CaseId, string? OwnerId, string Pack, DateTimeOffset CreatedDate);
