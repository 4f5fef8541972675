using System.Text;
using System.Text.RegularExpressions;

namespace SfBridge.Tests.Emulators.Salesforce.Soql;

/// <summary>Tokens of the SOQL subset the emulator understands.</summary>
internal static partial class SoqlLexer
{
    public static List<SoqlToken> Tokenize(string text)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '\'')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.String, ReadString(text, ref i), i));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var dt = DateTimePattern().Match(text, i);
                if (dt.Success && dt.Index == i)
                {
                    var kind = dt.Groups["time"].Success ? SoqlTokenKind.DateTime : SoqlTokenKind.Date;
                    tokens.Add(new SoqlToken(kind, dt.Value, i));
                    i += dt.Length;
                    continue;
                }

                var num = NumberPattern().Match(text, i);
                tokens.Add(new SoqlToken(SoqlTokenKind.Number, num.Value, i));
                i += num.Length;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Identifier, text[start..i], start));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "!=" or "<>" or "<=" or ">=")
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, two == "<>" ? "!=" : two, i));
                i += 2;
                continue;
            }

            if ("(),=<>:".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, c.ToString(), i));
                i++;
                continue;
            }

            throw new SoqlException($"unexpected character '{c}' at position {i}");
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, "", text.Length));
        return tokens;
    }

    private static string ReadString(string text, ref int i)
    {
        var sb = new StringBuilder();
        i++; // opening quote
        while (true)
        {
            if (i >= text.Length)
            {
                throw new SoqlException("unterminated string literal");
            }

            var c = text[i++];
            if (c == '\'')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                throw new SoqlException("unterminated escape sequence");
            }

            var e = text[i++];
            sb.Append(e switch
            {
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'b' => "\b",
                'f' => "\f",
                '\'' => "'",
                '"' => "\"",
                '\\' => "\\",
                // LIKE wildcards keep their escape so the matcher can tell them from wildcards.
                '%' => "\\%",
                '_' => "\\_",
                _ => throw new SoqlException($"invalid escape sequence \\{e}"),
            });
        }
    }

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(?<time>T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:?\d{2}))?")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
