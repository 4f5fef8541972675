using System.Buffers;
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
    // Statuses, categories, origins and tiers repeat across thousands of cases: normalise each distinct short text
    // once. Comments and messages are long and almost never repeat, so they are folded each time and never cached
    // (a cache of them would fill with the first texts seen and hold them for the life of the process).
    private const int MaxCachedLength = 64;
    private const int MaxCached = 4_096;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static int _cached;

    /// <summary>
    /// What each character up to U+017F (ASCII, Latin-1, Latin Extended-A: all of Portuguese) becomes once decomposed
    /// (FormD), stripped of its non-spacing marks, with dashes as "-" and lower case: one character, or
    /// <see cref="NoFold"/> when it does not come out as exactly one. Derived from the same calls the full path makes,
    /// so the fast path cannot disagree with it.
    /// </summary>
    private static readonly char[] Folded = BuildFolded();

    private const char NoFold = '\uFFFF';

    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        if (text.Length > MaxCachedLength)
        {
            return Recent.Of(text, Normalize, ref _recentKeys);
        }

        if (Cache.TryGetValue(text, out var key))
        {
            return key;
        }

        key = Normalize(text);
        // Counted apart: a concurrent dictionary's Count takes every one of its locks.
        if (Volatile.Read(ref _cached) < MaxCached && Cache.TryAdd(text, key))
        {
            Interlocked.Increment(ref _cached);
        }

        return key;
    }

    private static char[] BuildFolded()
    {
        var table = new char[0x180];
        for (var c = 0; c < table.Length; c++)
        {
            var kept = new StringBuilder();
            foreach (var d in ((char)c).ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.DashPunctuation || d == '−' ? '-' : char.ToLowerInvariant(d));
                }
            }

            table[c] = kept.Length == 1 && kept[0] != NoFold ? kept[0] : NoFold;
        }

        return table;
    }

    private static string Normalize(string text) => Through(text, Closed, NormalizeFull);

    /// <summary>Folds the text through <see cref="Folded"/> and finishes it into the buffer in the same pass; returns the length, or -1 when a character is outside the table.</summary>
    private delegate int FoldInto(string text, Span<char> buffer);

    /// <summary>
    /// Text within Latin (nearly every text of a Brazilian org) goes through <see cref="Folded"/> into a stack or pooled
    /// buffer, finished by <paramref name="fast"/> as it is folded: one pass, no decomposed copy. Any other text takes <paramref name="full"/>.
    /// </summary>
    private static string Through(string text, FoldInto fast, Func<string, string> full)
    {
        char[]? rented = null;
        var buffer = text.Length <= 512 ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            var length = fast(text, buffer);
            return length >= 0 ? new string(buffer[..length]) : full(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A character folded through the table, or <see cref="NoFold"/> when the full path must decide.</summary>
    private static char FoldOf(char c) => c < Folded.Length ? Folded[c] : NoFold;

    /// <summary>Folded characters as a key: white space runs as one space, none at the ends nor beside "-" and "/".</summary>
    private static int Closed(string text, Span<char> buffer)
    {
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            var ch = FoldOf(c);
            if (ch == NoFold)
            {
                return -1;
            }

            if (char.IsWhiteSpace(ch))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                // " - ", " -", "- " and the same around "/" close up: no space before or after a dash or slash.
                if (ch is not ('-' or '/') && buffer[length - 1] is not ('-' or '/'))
                {
                    buffer[length++] = ' ';
                }

                space = false;
            }

            buffer[length++] = ch;
        }

        return length;
    }

    private static string NormalizeFull(string text)
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
    public static string Fold(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Length > MaxCachedLength ? Recent.Of(text, FoldLong, ref _recentFolds) : FoldLong(text);

    private static string FoldLong(string text) => Through(text, FoldedText, FoldFull);

    // A case's comments are read by several rules in turn, each asking for the same text's key: the last few long texts
    // each thread folded are kept with their keys, found by reference, so a comment is folded once per judgement. Bounded,
    // and per thread: a text judged again later is folded again, as it would be on the next sweep.
    [ThreadStatic] private static Recent? _recentKeys;
    [ThreadStatic] private static Recent? _recentFolds;

    private sealed class Recent
    {
        private const int Size = 8;
        private readonly string?[] _texts = new string?[Size];
        private readonly string?[] _keys = new string?[Size];
        private int _next;

        public static string Of(string text, Func<string, string> fold, ref Recent? recent)
        {
            recent ??= new Recent();
            for (var i = 0; i < Size; i++)
            {
                if (ReferenceEquals(recent._texts[i], text))
                {
                    return recent._keys[i]!;
                }
            }

            var key = fold(text);
            recent._texts[recent._next] = text;
            recent._keys[recent._next] = key;
            recent._next = (recent._next + 1) % Size;
            return key;
        }
    }

    /// <summary>Folded characters as free text: line endings as "\n", other white space runs as one space.</summary>
    private static int FoldedText(string text, Span<char> buffer)
    {
        // The same steps over the table: line endings as "\n" (what ReplaceLineEndings recognises within Latin:
        // CR LF, CR, LF, FF and NEL), other white space as one space.
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = FoldOf(text[i]);
            if (ch == NoFold)
            {
                return -1;
            }

            if (ch is '\r' or '\f' or '\u0085')
            {
                i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                ch = '\n';
            }
            else if (ch != '\n' && char.IsWhiteSpace(ch))
            {
                ch = ' ';
            }

            if (ch == ' ' && length > 0 && buffer[length - 1] == ' ')
            {
                continue;
            }

            buffer[length++] = ch;
        }

        return length;
    }

    private static string FoldFull(string text)
    {
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
