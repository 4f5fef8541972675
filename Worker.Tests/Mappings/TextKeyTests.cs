using System.Globalization;
using System.Text;
using SfBridge.Mappings;

namespace SfBridge.Tests.Mappings;

/// <summary>
/// TextKey folds Latin text through a per-character table and everything else through Unicode decomposition; both
/// must give exactly what decomposing the whole text gives (the definition below), on short and long texts, accents,
/// every kind of dash, space and line ending, combining marks and text outside Latin.
/// </summary>
public sealed class TextKeyTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "  ", "\t", "\u00A0", "\u0085", "\r\n", "\r", "\n", "\f", "-", " - ", " -", "- ", "/", " / ", "–", "—", "‑", "−",
        "ç", "Ç", "ã", "Á", "é", "ê", "Í", "õ", "ü", "ñ", "ß", "Æ", "ø", "ő", "Ł", "ș", "ǅ", "e\u0301", "\u0301", "Ω", "ﬁ", "😀", "İ", "(", ")",
        "Atenção", "Validação / Preparação", "Críticos – Ouvidoria", "pedido 48.213.977", "bom dia, Carlos!",
        .. Enumerable.Range(0, 128).Select(c => ((char)c).ToString()), // every ASCII character, which folds by lower-casing
    ];

    [Fact]
    public void OfAndFold_RandomTexts_SameAsDecomposingTheWholeText()
    {
        var random = new Random(20260304);
        var wrong = new List<string>();
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            var parts = random.Next(0, n % 50 == 0 ? 400 : 30); // now and then longer than any cached or stack-folded text
            for (var k = 0; k < parts; k++)
            {
                sb.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var text = sb.ToString();
            if (TextKey.Of(text) != ReferenceOf(text) || TextKey.Of(text) != ReferenceOf(text) || TextKey.Fold(text) != ReferenceFold(text))
            {
                wrong.Add(text);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Escalonamento de casos Críticos – Ouvidoria", "escalonamento de casos criticos-ouvidoria")]
    [InlineData("  Validação / Preparação ", "validacao/preparacao")]
    [InlineData("Em\u00A0Atendimento", "em atendimento")]
    public void Of_SeedWording_ComparisonKey(string text, string expected) => Assert.Equal(expected, TextKey.Of(text));

    [Fact]
    public void Fold_LineEndingsAndSpaces_KeptAsReadable()
    {
        Assert.Equal("pedido - 48\nok\nfim\nx", TextKey.Fold("Pedido  –  48\r\nOK\rFIM\u0085X"));
    }

    /// <summary>The comparison key as defined: decompose, drop non-spacing marks, dashes as "-", lower case, one space, none around "-" and "/".</summary>
    private static string ReferenceOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var sb = new StringBuilder();
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
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

        return sb.ToString().Replace(" - ", "-", StringComparison.Ordinal).Replace(" -", "-", StringComparison.Ordinal).Replace("- ", "-", StringComparison.Ordinal)
            .Replace(" / ", "/", StringComparison.Ordinal).Replace(" /", "/", StringComparison.Ordinal).Replace("/ ", "/", StringComparison.Ordinal);
    }

    /// <summary>Folded for reading as defined: line endings as "\n", decompose, drop non-spacing marks, dashes as "-", other white space as one space, lower case.</summary>
    private static string ReferenceFold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var c in text.ReplaceLineEndings("\n").Normalize(NormalizationForm.FormD))
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
}
