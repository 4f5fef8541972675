namespace SfBridge.Rules;

/// <summary>What a message may say about a finding (the template placeholders' values).</summary>
public sealed record MessageFields(string CaseNumber, string? Subject, string Detail, DateTimeOffset? DueAt, string Pack, string RuleId, FindingKind Kind, string InstanceKey)
{
    /// <summary>How many findings a post lists ({quantidade}).</summary>
    public int Count { get; init; } = 1;

    /// <summary>How many of them are cleared, listed as resolved (the rest are still open).</summary>
    public int Resolved { get; init; }

    /// <summary>The team a summary is for ({equipe}).</summary>
    public string? Team { get; init; }
}
