using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SfBridge.Mappings;

/// <summary>One data row of a mapping file with its physical line number.</summary>
public sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, (int Column, string Value)> cells, List<MappingError> errors)
{
    public int Line { get; } = line;

    public string Get(string column) => cells.TryGetValue(column, out var c) ? c.Value : "";

    public string? Optional(string column) => Get(column) is { Length: > 0 } v ? v : null;

    /// <summary>Records a problem with this row's <paramref name="column"/>; returns false for use in conditions.</summary>
    public bool Error(string column, string message)
    {
        var index = cells.TryGetValue(column, out var c) ? c.Column : 0;
        errors.Add(new MappingError(file, Line, index, column, message));
        return false;
    }
}

/// <summary>
/// Reads a mapping CSV with CsvHelper: header row, '#' comment lines, trimmed cells. Missing, unknown or
/// duplicated columns and malformed rows are reported, never thrown, so one run lists every problem.
/// </summary>
public static class CsvTable
{
    public static List<CsvRow> Read(string folder, string fileName, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<MappingError> errors)
    {
        var path = Path.Combine(folder, fileName);
        var rows = new List<CsvRow>();
        if (!File.Exists(path))
        {
            errors.Add(new MappingError(fileName, 0, 0, "", "file is missing"));
            return rows;
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = args => errors.Add(new MappingError(fileName, args.Context.Parser!.RawRow, 0, "", "malformed CSV (stray quote): " + Clip(args.RawRecord))),
            MissingFieldFound = null,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            errors.Add(new MappingError(fileName, 1, 0, "", "no header row"));
            return rows;
        }

        var headerLine = csv.Parser.RawRow;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!required.Contains(name) && !optional.Contains(name))
            {
                errors.Add(new MappingError(fileName, headerLine, i + 1, name, $"unknown column (expected {string.Join(", ", required.Concat(optional))})"));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new MappingError(fileName, headerLine, i + 1, name, "column appears twice"));
            }
        }

        foreach (var missing in required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new MappingError(fileName, headerLine, 0, missing, $"required column '{missing}' is missing"));
        }

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.Length != header.Length)
            {
                errors.Add(new MappingError(fileName, line, 0, "", $"has {record.Length} cells, the header has {header.Length}"));
                continue;
            }

            var cells = columns.ToDictionary(c => c.Key, c => (c.Value + 1, record[c.Value].Trim()), StringComparer.Ordinal);
            rows.Add(new CsvRow(fileName, line, cells, errors));
        }

        return rows;
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text.Trim() : text[..60].Trim() + "…";
}
