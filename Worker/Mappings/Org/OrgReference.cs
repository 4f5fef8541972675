namespace SfBridge.Mappings.Org;

/// <summary>One value of a mapping file that names something in the org, and the cell it came from.</summary>
public sealed record OrgReference(OrgReferenceKind Kind, string Value, MappingCell Cell);
