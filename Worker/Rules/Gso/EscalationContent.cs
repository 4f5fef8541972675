namespace SfBridge.Rules.Gso;

/// <summary>Which of the items the manual asks for the escalation comments carry.</summary>
public sealed record EscalationContent(bool RequestType, bool OrderNumber, bool CustomerName, bool Email, bool Phone, bool Address, bool Complaint, bool ArName);
