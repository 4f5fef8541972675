namespace SfBridge.Rules;

/// <summary>
/// What a rule found on a case. <see cref="BreachKey"/> identifies the breach instance (rule + what started it),
/// so the same breach seen in many cycles is one alert.
/// </summary>
public sealed record Finding
{
    public required string CaseId { get; init; }

    public required string CaseNumber { get; init; }

    public required string Pack { get; init; }

    public required string RuleId { get; init; }

    public required FindingKind Kind { get; init; }

    public required Severity Severity { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public IReadOnlyList<string> Mentions { get; init; } = [];

    public required string Message { get; init; }

    /// <summary>The rule's own explanation (Portuguese), inserted into the template as {detalhe}.</summary>
    public required string Detail { get; init; }

    public required string BreachKey { get; init; }

    public string? TemplateId { get; init; }

    /// <summary>Users that should have been mentioned but are inactive or unknown (logged once by the worker).</summary>
    public IReadOnlyList<string> MentionGaps { get; init; } = [];
}
