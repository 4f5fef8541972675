namespace SfBridge.State;

/// <summary>The outbox's record of one breach: posts sent, the highest escalation level, the last post, and the next sequence number.</summary>
public sealed record BreachHistory(int Sent, int Level, DateTimeOffset? LastSentAt, int NextSequence);
