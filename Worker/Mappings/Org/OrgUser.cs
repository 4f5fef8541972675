namespace SfBridge.Mappings.Org;

/// <summary>A User the mappings name, with whether it can still be mentioned.</summary>
public sealed record OrgUser(string Id, string? Name, bool IsActive);
