namespace SfBridge.State;

/// <summary>How much the state holds now: tracked cases, quarantined records, open findings by kind (wire name).</summary>
public sealed record StateCounts(long Tracked, long Quarantined, IReadOnlyDictionary<string, long> OpenFindings);
