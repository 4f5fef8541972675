namespace SfBridge.Salesforce;

/// <summary>
/// Someone Chatter can @mention: a User (<c>005…</c>) or a Chatter group (CollaborationGroup, <c>0F9…</c>).
/// Queues and public groups (<c>00G…</c>) cannot be mentioned. A mention exists only as this type, so text taken
/// from a case (an "@Someone" in a subject) can never become one.
/// </summary>
public readonly record struct MentionTarget
{
    private MentionTarget(string id) => Id = id;

    public string Id { get; }

    public bool IsUser => Id.StartsWith(SalesforceId.UserPrefix, StringComparison.Ordinal);

    public static bool TryCreate(string? id, out MentionTarget target)
    {
        target = default;
        if (!SalesforceId.HasPrefix(id, SalesforceId.UserPrefix) && !SalesforceId.HasPrefix(id, SalesforceId.CollaborationGroupPrefix))
        {
            return false;
        }

        target = new MentionTarget(id!);
        return true;
    }

    public static MentionTarget Create(string id) =>
        TryCreate(id, out var target) ? target
            : throw new ArgumentException($"'{id}' cannot be @mentioned: only users (005…) and Chatter groups (0F9…) can");

    public override string ToString() => Id;
}
