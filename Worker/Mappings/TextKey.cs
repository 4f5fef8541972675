using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SfBridge.Mappings;

/// <summary>
/// Comparison key for the seeds' wording: case, accents, dash style (- – —) and spacing ignored, so
/// "Escalonamento de casos Críticos – Ouvidoria" matches "escalonamento de casos criticos - ouvidoria".
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
