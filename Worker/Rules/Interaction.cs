namespace SfBridge.Rules;

/// <summary>One thing that happened on a case: when, through which channel, by whom, its text, and whether the customer got it.</summary>
public sealed record Interaction(DateTimeOffset At, string Channel, string? ById, string? Text, bool ToCustomer)
{
    /// <summary>
    /// Counted as an agent's only because nothing says who wrote it (no user list, no author type): enough not to
    /// accuse anyone of leaving a case unanswered, never enough to judge how "the agent" wrote.
    /// </summary>
    public bool AuthorAssumed { get; init; }

    public const string Email = "email";
    public const string Comment = "comment";
    public const string Call = "call";
    public const string Messaging = "messaging";
    public const string Status = "status";

    /// <summary>Channels that can carry a contact with the customer (the values of settings.csv contact.sources).</summary>
    public static readonly IReadOnlyList<string> ContactChannels = [Email, Comment, Call, Messaging];
}
