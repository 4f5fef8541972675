namespace SfBridge.Mappings.Org;

/// <summary>A row of categories.csv with the cells problems point at.</summary>
public sealed record CategoryRow(string Pack, string Name, MappingCell Category, MappingCell Aliases);
