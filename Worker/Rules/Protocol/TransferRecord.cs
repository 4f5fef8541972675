using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-04's reading of a transfer record, "data / motivo / departamento ou pessoa" (seed 003): a text is a record
/// when it gives all three, dated as PRO-03 reads dates, either in that order with "/", " - ", "–", "|" or ";" between them (a hyphen inside a word
/// such as "e-commerce" is not a separator), or through labels and phrases ("Data: …; Motivo: …; Departamento: …",
/// "encaminhado ao N2 em 02/03 - motivo: …"). A label with nothing after it gives nothing.
/// </summary>
public static partial class TransferRecord
{
    public static bool IsRecord(string? text)
    {
        // Every record is dated (in order or behind a label): a text without a digit is none, and is not folded.
        if (string.IsNullOrWhiteSpace(text) || text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
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

        return (int.Parse(m.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string Separator = @"(?: ?[/|;] ?| - | -|- )";

    /// <summary>dd/mm, dd/mm/aa(aa), and the forms PRO-03 reads besides (dd-mm-aaaa, dd.mm.aaaa, aaaa-mm-dd), with groups d and m.</summary>
    private const string DatePattern = @"(?:(?<![\d/])(?<d>\d{1,2})/(?<m>\d{1,2})(?:/\d{2,4})?(?!\d)(?!/\d)|" + ResolutionLog.OtherDateForms + ")";

    // The date may carry the time of the transfer ("02/03/2026 13:50 / …", "02/03 às 13h50 - …") and the name of whoever
    // forwarded it, as PRO-03's entries name their executor ("Encaminhamento 02/03/2026 Lúcia / … / …").
    private const string Head = DatePattern + @"(?:,? *(?:as )?\d{1,2}[:h]\d{2}h?(?!\d))?(?: +(?>\p{L}+)(?: (?>\p{L}+))?)? *" + Separator + @" *(?!motivo\b)";

    // The reason holds a letter, and neither the reason nor the destination a "/" or "|": those of the line after the date's separator
    // are in the separator before the destination or in its "p/". Written as two cases so that no way of splitting a long line
    // is tried twice, which a single pattern does for every separator of a line ending in a "/" (quadratic in the line's length):
    // no "/" or "|" left; or the separator before the destination is one, the first of the rest, so the reason runs to it in one
    // step (a "/" only in "p/" reads the same way, the "p" ending the reason).
    private const string ReasonPart = @"(?>[^/|\n\p{L}]*)\p{L}[^/|\n]*?";
    private const string ReasonToBar = @"(?>[^/|\n\p{L}]*)\p{L}(?>[^/|\n]*)";
    private const string ToPart = @"[\p{L}\d](?>[^/|\n]*)$";

    [GeneratedRegex(Head + "(?:(?=[^/|\n]*$)" + ReasonPart + Separator + " *(?:para |p/ ?|ao? )?" + ToPart +
                    "|" + ReasonToBar + "[/|] ? *(?:para |p/ ?|ao? )?" + ToPart + ")")]
    private static partial Regex Ordered();

    [GeneratedRegex(DatePattern)]
    private static partial Regex Date();

    [GeneratedRegex(@"\bmotivo *[:\-] *[\p{L}\d]|\b(?:devido a|por causa d[eoa]|pois|porque|em razao d[eoa]) +\p{L}")]
    private static partial Regex Reason();

    [GeneratedRegex(@"\b(?:departamento|depto|setor|pessoa|destino|responsavel|area) *[:\-] *[\p{L}\d]|\b(?:encaminhad[oa]|enviad[oa]|transferid[oa]|escalad[oa]|repassad[oa]) +(?:para|pra|p/|ao?|aos|as|à) *:? *[\p{L}\d]")]
    private static partial Regex Destination();
}
