using System.Globalization;
using System.Text;

namespace SfBridge.Salesforce;

/// <summary>
/// Text from a case on its way into a post (or any line that quotes it): what it may carry and where it may be cut.
/// Invisible format controls never pass: a bidi override in a subject would make the alert read backwards or hide text
/// ("Trojan Source"); cuts fall between text elements (graphemes), never inside a surrogate pair or an emoji sequence,
/// so no U+FFFD reaches Chatter.
/// </summary>
public static class ChatterText
{
    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>
    /// Drops control characters (line break and tab stay; CR goes), invisible format characters (bidi embeddings,
    /// overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width space,
    /// word joiner, BOM, soft hyphen, tag characters…) and unpaired surrogates. The zero-width joiner and non-joiner stay:
    /// emoji sequences and scripts such as Persian need them. Line and paragraph separators become line breaks.
    /// </summary>
    public static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAnyExcept(KeptLatin))
        {
            return text; // nearly every text of a Brazilian org: Latin letters, digits, punctuation, line breaks
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int width;
            bool keep;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                keep = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])) != UnicodeCategory.Format;
            }
            else
            {
                width = 1;
                keep = Kept(c);
            }

            var separator = c is '\u2028' or '\u2029';
            if (keep && sb is null)
            {
                i += width - 1;
                continue;
            }

            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (keep)
            {
                sb.Append(text, i, width);
            }
            else if (separator)
            {
                sb.Append('\n');
            }

            i += width - 1;
        }

        return sb?.ToString() ?? text;
    }

    private static bool Kept(char c) =>
        c is '\n' or '\t' or ZeroWidthJoiner or ZeroWidthNonJoiner
        || (!char.IsSurrogate(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.Format
            and not UnicodeCategory.LineSeparator and not UnicodeCategory.ParagraphSeparator);

    /// <summary>The characters up to U+017F that <see cref="Clean"/> keeps as they are, by the same test (the soft hyphen is not one).</summary>
    private static readonly System.Buffers.SearchValues<char> KeptLatin =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, 0x180).Select(i => (char)i).Where(Kept).ToArray());

    /// <summary>Clean text on one line: line breaks and tabs become spaces.</summary>
    public static string OneLine(string text) => Clean(text).ReplaceLineEndings(" ").Replace('\t', ' ');

    /// <summary>At most <paramref name="maxElements"/> text elements, the last of them "…" when the text was cut.</summary>
    public static string ClipElements(string text, int maxElements)
    {
        if (text.Length <= maxElements)
        {
            return text; // never more text elements than UTF-16 units
        }

        var info = new StringInfo(text);
        return info.LengthInTextElements <= maxElements ? text : info.SubstringByTextElements(0, Math.Max(0, maxElements - 1)) + "…";
    }

    /// <summary>At most <paramref name="maxLength"/> UTF-16 units (Chatter's measure), cut between text elements, "…" when cut.</summary>
    public static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxLength - 1)
            {
                break;
            }

            end += next;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
