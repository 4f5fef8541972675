namespace SfBridge.Mappings.Org;

/// <summary>What a mapping value names in the org.</summary>
public enum OrgReferenceKind
{
    /// <summary>A User that must exist (agent.system_users).</summary>
    User,

    /// <summary>A User SfBridge @mentions: must exist and be active.</summary>
    MentionedUser,

    /// <summary>A Chatter group (CollaborationGroup, 0F9…).</summary>
    ChatterGroup,

    /// <summary>A queue (Group of type Queue) by DeveloperName.</summary>
    Queue,

    /// <summary>A public group (Group of type Regular) by DeveloperName.</summary>
    PublicGroup,

    /// <summary>A Case record type by DeveloperName.</summary>
    RecordType,

    /// <summary>An Account by id.</summary>
    Account,

    /// <summary>A value of the Case Origin picklist.</summary>
    Origin,

    /// <summary>A value of the Case Status picklist (status.pause, status.closed, status.returned, status.transfer).</summary>
    Status,
}
