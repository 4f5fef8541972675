namespace SfBridge.State;

/// <summary>What the outbox remembers: per breach key, and the template of each case's last post (the next one differs).</summary>
public sealed record AlertHistory(IReadOnlyDictionary<string, BreachHistory> ByBreach, IReadOnlyDictionary<string, string> LastTemplateByCase);
