namespace SfBridge.Rules.Gso;

/// <summary>What the case itself says about the escalation, to compare the comments with (any part may be unknown).</summary>
public sealed record EscalationData(
    IReadOnlyList<string> CategoryWordings, string? OrderNumber, string? CustomerName, string? Email, string? Phone, string? Address, string? ArName);
