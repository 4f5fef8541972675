using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-04's reading of a transfer record, "data / motivo / departamento ou pessoa" (seed 003): a text is a record
/// when it gives all three, either in that order with "/", " - ", "–" or "|" between them (a hyphen inside a word
/// such as "e-commerce" is not a separator), or through labels and phrases ("Data: …; Motivo: …; Departamento: …",
/// "encaminhado ao N2 em 02/03 - motivo: …"). A label with nothing after it gives nothing.
/// </summary>
public static partial class TransferRecord
{
    public static bool IsRecord(string? text)
    {
        // Every record is dated (dd/mm, in order or behind a label): a text without a slash is none, and is not folded.
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        var key = TextKey.Fold(text);
        foreach (var line in key.AsSpan().Split('\n'))
        {
            if (Ordered().IsMatch(key.AsSpan()[line]))
            {
                return true;
            }
        }

        return Date().IsMatch(key) && Reason().IsMatch(key) && Destination().IsMatch(key);
    }

    /// <summary>The day and month of the record's date, when it has one.</summary>
    public static (int Day, int Month)? DayMonth(string text)
    {
        var m = Date().Match(TextKey.Fold(text));
        if (!m.Success)
        {
            return null;
        }

        var parts = m.Value.Split('/');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string Separator = @"(?: ?[/|] ?| - | -|- )";

    // The date may carry the time of the transfer ("02/03/2026 13:50 / …", "02/03 às 13h50 - …").
    [GeneratedRegex(@"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)(?!/\d)(?:,? *(?:as )?\d{1,2}[:h]\d{2}h?(?!\d))? *" + Separator + @" *(?!motivo\b)(?<reason>[^/|\n]*?\p{L}[^/|\n]*?)" + Separator + @" *(?:para |p/ ?|ao? )?(?<to>[\p{L}\d][^/|\n]*)$")]
    private static partial Regex Ordered();

    [GeneratedRegex(@"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)")]
    private static partial Regex Date();

    [GeneratedRegex(@"\bmotivo *[:\-] *[\p{L}\d]|\b(?:devido a|por causa d[eoa]|pois|porque|em razao d[eoa]) +\p{L}")]
    private static partial Regex Reason();

    [GeneratedRegex(@"\b(?:departamento|depto|setor|pessoa|destino|responsavel|area) *[:\-] *[\p{L}\d]|\b(?:encaminhad[oa]|enviad[oa]|transferid[oa]|escalad[oa]|repassad[oa]) +(?:para|pra|p/|ao?|aos|as|à) *:? *[\p{L}\d]")]
    private static partial Regex Destination();
}
