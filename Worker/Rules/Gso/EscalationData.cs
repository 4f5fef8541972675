namespace SfBridge.Rules.Gso;

/// <summary>
/// What the case itself says about the escalation, to compare the comments with (any part may be unknown). The
/// category's wordings come as comparison keys (<see cref="Mappings.TextKey.Of"/>, as <see cref="Mappings.EscalationCategory.Keys"/> holds them).
/// </summary>
public sealed record EscalationData(
    IReadOnlyList<string> CategoryKeys, string? OrderNumber, string? CustomerName, string? Email, string? Phone, string? Address, string? ArName);
