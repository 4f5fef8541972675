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

    /// <summary>Where this row's <paramref name="column"/> sits, for problems found later (against the org).</summary>
    public MappingCell Cell(string column) => new(file, Line, cells.TryGetValue(column, out var c) ? c.Column : 0, column);

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
/// duplicated columns and malformed rows are reported, never thrown, so one run lists every problem. The bytes are
/// decoded strictly (<see cref="MappingText"/>): a file that is not UTF-8 is one problem, never mojibake.
/// </summary>
public static class CsvTable
{
    public static List<CsvRow> Read(string folder, string fileName, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<MappingError> errors)
    {
        var path = Path.Combine(folder, fileName);
        var rows = new List<CsvRow>();
        if (!File.Exists(path))
        {
            errors.Add(new MappingError(fileName, 0, 0, "", LinkProblem(path) ?? "file is missing"));
            return rows;
        }

        try
        {
            return ReadRows(path, fileName, required, optional, errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A link loop, a folder named like the file, no permission: one line naming the file, never a stack trace.
            errors.Add(new MappingError(fileName, 0, 0, "", LinkProblem(path) ?? $"cannot be read ({ex.Message.Replace(path, fileName, StringComparison.Ordinal).TrimEnd('.')})"));
            return [];
        }
    }

    /// <summary>Why a path that is a symbolic link leads to no file (a loop, a missing target, a folder), or null when it is not such a link.</summary>
    internal static string? LinkProblem(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = Path.GetFullPath(path);
        try
        {
            while (new FileInfo(current).LinkTarget is { } target)
            {
                if (!seen.Add(current) || seen.Count > 40)
                {
                    return "is a symbolic link loop: it never reaches a file or folder";
                }

                current = Path.GetFullPath(target, Path.GetDirectoryName(current)!);
            }
        }
        catch (IOException)
        {
            return "is a symbolic link loop: it never reaches a file or folder";
        }

        return seen.Count == 0 || File.Exists(current) ? null
            : Directory.Exists(current) ? $"is a symbolic link to a folder ({current}), not a file"
            : $"is a symbolic link to {current}, which does not exist";
    }

    private static List<CsvRow> ReadRows(string path, string fileName, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<MappingError> errors)
    {
        var rows = new List<CsvRow>();

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
        if (MappingText.Decode(File.ReadAllBytes(path), fileName, out var encoding) is not { } text)
        {
            errors.Add(encoding!);
            return rows;
        }

        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            errors.Add(new MappingError(fileName, 1, 0, "", "no header row"));
            return rows;
        }

        var headerLine = csv.Parser.RawRow;
        if (header.Length == 1 && header[0].Contains(';') && required.Concat(optional).Count() > 1)
        {
            // Excel in Portuguese saves "CSV" with semicolons: one line that says so, not an error on every line.
            errors.Add(new MappingError(fileName, headerLine, 1, header[0].Trim(),
                "the file is separated by semicolons (as Excel in Portuguese saves CSV); save it with commas (\"CSV UTF-8\" with a comma list separator) or replace the ; between columns with ,"));
            return rows;
        }

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
