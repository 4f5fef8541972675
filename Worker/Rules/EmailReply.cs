using System.Buffers;
using System.Text.RegularExpressions;

namespace SfBridge.Rules;

/// <summary>
/// The part of an e-mail its sender wrote: the body up to the quoted message a reply or a forward carries below it
/// ("Em qua., 4 de mar. de 2026 09:10, Carlos &lt;…&gt; escreveu:", "-----Mensagem original-----", an Outlook header block
/// "De: … / Enviado: …", lines starting with "&gt;"). What the customer wrote, quoted under the agent's answer, is not the
/// agent's message: judging it blamed the agent for the customer's words.
/// </summary>
public static partial class EmailReply
{
    /// <summary>The sender's own text (the whole body when nothing is quoted; empty when the body is all quote).</summary>
    public static string? OwnText(string? body)
    {
        if (body is null || !MayQuote(body))
        {
            return body;
        }

        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsQuote(lines, i))
            {
                return string.Join('\n', lines, 0, i).TrimEnd();
            }
        }

        return body;
    }

    /// <summary>Whether any quote marker can be in the body at all (most e-mails carry none: no line is split for them).</summary>
    private static bool MayQuote(string body) => body.AsSpan().ContainsAny(QuoteMarks);

    /// <summary>What every quote marker holds: the quote sign, a separator's dashes, an attribution's verb, a header's first label.</summary>
    private static readonly SearchValues<string> QuoteMarks = SearchValues.Create([">", "--", "escreveu", "wrote", "de:", "de :", "from:", "from :"], StringComparison.OrdinalIgnoreCase);

    private static bool StartsQuote(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.StartsWith('>') || Separator().IsMatch(line))
        {
            return true;
        }

        // An attribution, on its line or wrapped over two by a mail program: "Em qua., 4 de mar. de 2026 09:10, Carlos <carlos@…>" / "escreveu:".
        if (OpensAttribution().IsMatch(line) && (EndsAttribution().IsMatch(line) || (i + 1 < lines.Length && EndsAttribution().IsMatch(lines[i + 1].Trim()))))
        {
            return true;
        }

        // An Outlook header block: "De:" (or "From:") followed within three lines by "Enviado:", "Enviada:", "Data:", "Sent:" or "Date:".
        if (HeaderFrom().IsMatch(line))
        {
            for (var j = i + 1; j < lines.Length && j <= i + 3; j++)
            {
                if (HeaderSent().IsMatch(lines[j].Trim()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*(?:mensagem\s+original|original\s+message|mensagem\s+encaminhada|forwarded\s+message)\s*-{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:em|on)\s.*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpensAttribution();

    [GeneratedRegex(@"(?:escreveu|wrote)\s*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndsAttribution();

    [GeneratedRegex(@"^\*?(?:de|from)\s*:\*?\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(?:enviad[oa](?:\s+em)?|data|sent|date)\s*:\*?\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderSent();
}
