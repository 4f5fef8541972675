using SfBridge.Mappings;

namespace SfBridge.Rules;

/// <summary>
/// What a rule found on a case. <see cref="BreachKey"/> identifies the breach instance (rule + what started it),
/// so the same breach seen in many cycles is one alert.
/// </summary>
public sealed record Finding
{
    private string? _message;
    private readonly PendingMessage? _pending;

    public required string CaseId { get; init; }

    public required string CaseNumber { get; init; }

    public required string Pack { get; init; }

    public required string RuleId { get; init; }

    public required FindingKind Kind { get; init; }

    public required Severity Severity { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// The instant from which the finding holds by the passing of time alone: its due instant, or the warning's instant for a
    /// warning (null for one that holds from what the case records, a missing field). Judged on stored state read before this
    /// instant, the finding may already be answered in Salesforce: the sweep reads such a case again before alerting.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>
    /// The breach happened and is over: what was due was done, late (a queue accepted after its target, a first action after
    /// the wait). It stays on record and is alerted once, but nobody is reminded of it: there is nothing left to do.
    /// </summary>
    public bool Settled { get; init; }

    /// <summary>
    /// The message as posted or printed. The engine chooses its template (<see cref="TemplateId"/>) as it judges and
    /// writes the text the first time it is read: most findings are recorded, not posted, and never need one.
    /// </summary>
    public string Message
    {
        get => _message ??= _pending?.Write(this) ?? "";
        init => _message = value;
    }

    /// <summary>The template and fields the message is written from when first read (set by the engine).</summary>
    internal PendingMessage? Pending
    {
        init => _pending = value;
    }

    /// <summary>The rule's own explanation (Portuguese), inserted into the template as {detalhe}.</summary>
    public required string Detail { get; init; }

    public required string BreachKey { get; init; }

    public string? TemplateId { get; init; }

    /// <summary>Users that should have been mentioned but are inactive or unknown (logged once by the worker).</summary>
    public IReadOnlyList<string> MentionGaps { get; init; } = [];

    /// <summary>Equal findings say the same: whether either message was written yet does not matter.</summary>
    public bool Equals(Finding? other) =>
        ReferenceEquals(this, other) || (other is not null && CaseId == other.CaseId && CaseNumber == other.CaseNumber && Pack == other.Pack &&
                                         RuleId == other.RuleId && Kind == other.Kind && Severity == other.Severity && DueAt == other.DueAt && Settled == other.Settled &&
                                         Equals(Mentions, other.Mentions) && Message == other.Message && Detail == other.Detail &&
                                         BreachKey == other.BreachKey && TemplateId == other.TemplateId && Equals(MentionGaps, other.MentionGaps));

    public override int GetHashCode() => HashCode.Combine(BreachKey, CaseId, RuleId, Kind, Severity, DueAt);
}

/// <summary>
/// A finding's message whose template is chosen, written when first read from the finding's own fields and what the
/// finding does not hold (the case's subject, the breach instance).
/// </summary>
internal sealed class PendingMessage(MessageTemplate? template, string? subject, string instanceKey, Policy policy, DateTimeOffset at)
{
    public string Write(Finding f) =>
        MessageComposer.Write(template, new MessageFields(f.CaseNumber, subject, f.Detail, f.DueAt, f.Pack, f.RuleId, f.Kind, instanceKey), policy, at);
}
