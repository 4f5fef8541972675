namespace SfBridge.State;

/// <summary>What the outbox remembers: per breach key, and the template of each case's last post (the next one differs).</summary>
public sealed record AlertHistory(IReadOnlyDictionary<string, BreachHistory> ByBreach, IReadOnlyDictionary<string, string> LastTemplateByCase);

/// <summary>One finding of a case as the ledger remembers it, with every alert it gave rise to (explain --state).</summary>
public sealed record FindingHistory(
    string BreachKey, string RuleId, string Kind, string Severity, DateTimeOffset? DueAt, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    DateTimeOffset? ClearedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? SnoozedUntil, IReadOnlyList<AlertEvent> Alerts);

/// <summary>An alert of a finding: its reference, why it exists, the level it mentioned, where it stands and when it went out.</summary>
public sealed record AlertEvent(string Reference, string Purpose, int Level, string State, DateTimeOffset CreatedAt, DateTimeOffset? NotBefore, DateTimeOffset? SentAt);
