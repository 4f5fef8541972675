namespace SfBridge.State;

/// <summary>What the outbox remembers: per breach key, and the template of each case's last post (the next one differs).</summary>
public sealed record AlertHistory(IReadOnlyDictionary<string, BreachHistory> ByBreach, IReadOnlyDictionary<string, string> LastTemplateByCase)
{
    /// <summary>Looked up by case id without regard to letter case, whatever dictionary it was built from.</summary>
    public IReadOnlyDictionary<string, string> LastTemplateByCase { get; init; } = IgnoringCase(LastTemplateByCase);

    private static IReadOnlyDictionary<string, string> IgnoringCase(IReadOnlyDictionary<string, string> templates)
    {
        if (templates is Dictionary<string, string> { Comparer: var comparer } && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
        {
            return templates;
        }

        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (caseId, template) in templates)
        {
            copy[caseId] = template;
        }

        return copy;
    }
}

/// <summary>One finding of a case as the ledger remembers it, with every alert it gave rise to (explain --state).</summary>
public sealed record FindingHistory(
    string BreachKey, string RuleId, string Kind, string Severity, DateTimeOffset? DueAt, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    DateTimeOffset? ClearedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? SnoozedUntil, IReadOnlyList<AlertEvent> Alerts);

/// <summary>An alert of a finding: its reference, why it exists, the level it mentioned, where it stands and when it went out.</summary>
public sealed record AlertEvent(string Reference, string Purpose, int Level, string State, DateTimeOffset CreatedAt, DateTimeOffset? NotBefore, DateTimeOffset? SentAt)
{
    /// <summary>How many times Chatter was asked to take it.</summary>
    public int Attempts { get; init; }
}
