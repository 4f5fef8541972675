using System.Globalization;
using System.Text;

namespace SfBridge.Mappings;

/// <summary>
/// Comparison key for the seeds' wording: case, accents, dash style (- – —) and spacing ignored, so
/// "Escalonamento de casos Críticos – Ouvidoria" matches "escalonamento de casos criticos - ouvidoria".
/// </summary>
public static class TextKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ch = c is '–' or '—' or '‐' or '−' ? '-' : char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        return sb.ToString().Replace(" - ", "-", StringComparison.Ordinal).Replace(" -", "-", StringComparison.Ordinal).Replace("- ", "-", StringComparison.Ordinal);
    }
}
