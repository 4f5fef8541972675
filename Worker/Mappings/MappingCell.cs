namespace SfBridge.Mappings;

/// <summary>A cell of a mapping file: where a value came from, so a problem found later (against the org) can point at it.</summary>
public sealed record MappingCell(string File, int Line, int Column, string ColumnName)
{
    public MappingError Problem(string message) => new(File, Line, Column, ColumnName, message);
}
