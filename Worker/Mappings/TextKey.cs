using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SfBridge.Mappings;

/// <summary>
/// Comparison key for the seeds' wording: case, accents, dash style (- – — and the other Unicode dashes) and
/// spacing (also around "-" and "/") ignored, so "Escalonamento de casos Críticos – Ouvidoria" matches
/// "escalonamento de casos criticos - ouvidoria" and "Validação / Preparação" matches "validacao/preparacao".
/// </summary>
public static class TextKey
{
    // Statuses, categories, origins and tiers repeat across thousands of cases: normalise each distinct text once.
    private const int MaxCached = 20_000;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        if (Cache.TryGetValue(text, out var key))
        {
            return key;
        }

        key = Normalize(text);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(text, key);
        }

        return key;
    }

    private static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ch = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation || c == '−' ? '-' : char.ToLowerInvariant(c);
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

        return sb.ToString()
            .Replace(" - ", "-", StringComparison.Ordinal).Replace(" -", "-", StringComparison.Ordinal).Replace("- ", "-", StringComparison.Ordinal)
            .Replace(" / ", "/", StringComparison.Ordinal).Replace(" /", "/", StringComparison.Ordinal).Replace("/ ", "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Free text folded for reading: lower case, no accents, every dash as "-", runs of spaces as one; unlike
    /// <see cref="Of"/> it keeps line breaks and the spaces around "-" and "/", which tell a separator from a hyphen.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.ReplaceLineEndings("\n").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ch = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation || c == '−' ? '-'
                : c != '\n' && char.IsWhiteSpace(c) ? ' '
                : char.ToLowerInvariant(c);
            if (ch == ' ' && sb.Length > 0 && sb[^1] == ' ')
            {
                continue;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <summary>A key without its parenthesised glosses: "priorizacao de ac (chamados de alo canais)" becomes "priorizacao de ac".</summary>
    public static string WithoutGloss(string key)
    {
        var sb = new StringBuilder(key.Length);
        var depth = 0;
        foreach (var ch in key)
        {
            depth += ch == '(' ? 1 : 0;
            if (depth == 0)
            {
                sb.Append(ch);
            }

            depth -= ch == ')' && depth > 0 ? 1 : 0;
        }

        return Of(sb.ToString());
    }
}
