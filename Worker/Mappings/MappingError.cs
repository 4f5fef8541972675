namespace SfBridge.Mappings;

/// <summary>
/// One problem in a mapping file, located by file, line and column (1-based; the CSV column's name too, or no name when
/// the column counts characters, as for a byte that is not UTF-8).
/// </summary>
public sealed record MappingError(string File, int Line, int Column, string ColumnName, string Message)
{
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Message}"
        : Column > 0 && ColumnName.Length == 0 ? $"{File}:{Line}:{Column}: {Message}"
        : Column > 0 ? $"{File}:{Line}:{Column}: [{ColumnName}] {Message}"
        : $"{File}:{Line}: {Message}";
}
