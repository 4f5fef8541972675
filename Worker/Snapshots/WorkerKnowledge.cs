using SfBridge.Rules;

namespace SfBridge.Snapshots;

/// <summary>What the worker knows beyond a snapshot's records: GAR answers with when it saw them, first routings it remembered, its own user.</summary>
public sealed record WorkerKnowledge
{
    /// <summary>GAR answers seen by the GAR audit; null when GAR gave none (down or not configured).</summary>
    public IReadOnlyList<GarObservation>? Gar { get; init; }

    /// <summary>The last time GAR answered about each order, found or not: its keys are the orders GAR was asked about.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? GarAnswered { get; init; }

    /// <summary>Whether GAR's last run found some order; null when unknown.</summary>
    public bool? GarFoundLately { get; init; }

    public IReadOnlyList<FirstRoutingInfo> FirstRoutings { get; init; } = [];

    /// <summary>The integration user the worker runs as.</summary>
    public string? SelfUserId { get; init; }
}
