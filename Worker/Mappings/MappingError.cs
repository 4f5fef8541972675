namespace SfBridge.Mappings;

/// <summary>One problem in a mapping file, located by file, line and column (1-based; column name too).</summary>
public sealed record MappingError(string File, int Line, int Column, string ColumnName, string Message)
{
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Message}"
        : Column > 0 ? $"{File}:{Line}:{Column}: [{ColumnName}] {Message}"
        : $"{File}:{Line}: {Message}";
}
