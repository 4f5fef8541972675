namespace SfBridge.Rules;

/// <summary>What a rule reports before the engine adds severity, mentions' limits and the message.</summary>
public sealed record FindingDraft(string RuleId, FindingKind Kind, string Detail, DateTimeOffset? DueAt, IReadOnlyList<string> Mentions, string InstanceKey)
{
    /// <summary>Overrides the rule's configured severity (sla-warning findings are warnings, critical marks critical).</summary>
    public Severity? Severity { get; init; }

    /// <summary>Users that should have been mentioned but are inactive or unknown (replaced where the route allows).</summary>
    public IReadOnlyList<string> MentionGaps { get; init; } = [];

    /// <summary>When a finding that holds by the passing of time began to hold, where that is not <see cref="DueAt"/>: a warning's instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The breach happened and is over (what was due was done, late): it is recorded and alerted, never reminded of.</summary>
    public bool Settled { get; init; }
}
