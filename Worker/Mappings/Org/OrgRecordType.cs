namespace SfBridge.Mappings.Org;

/// <summary>A Case record type.</summary>
public sealed record OrgRecordType(string Id, string DeveloperName, bool IsActive);
