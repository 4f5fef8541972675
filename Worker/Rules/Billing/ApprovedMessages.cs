using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

/// <summary>
/// How close an agent's message is to the approved ones: character-trigram cosine similarity of the texts without
/// their greeting, the "(cliente)" placeholder or the customer's name, and punctuation, so an adapted approved message
/// ("Bom dia, Carlos! Iniciamos a análise…") stays close to its model.
/// </summary>
public static partial class ApprovedMessages
{
    private static readonly F23.StringSimilarity.Cosine Cosine = new(3);

    public static (ApprovedMessage? Message, double Similarity) Closest(string text, IReadOnlyList<ApprovedMessage> approved)
    {
        var body = Core(text);
        ApprovedMessage? best = null;
        var score = 0.0;
        foreach (var candidate in approved)
        {
            var s = body.Length < 3 ? 0 : Cosine.Similarity(body, Core(candidate.Text));
            if (s > score)
            {
                (best, score) = (candidate, s);
            }
        }

        return (best, score);
    }

    /// <summary>The message without greeting, addressee and punctuation, as a comparison key.</summary>
    public static string Core(string text)
    {
        var key = TextKey.Of(text);
        key = Opening().Replace(key, "");
        key = Regex.Replace(key, @"\(cliente\)", " ");
        return Regex.Replace(Regex.Replace(key, @"[^\p{L}\d]+", " "), @"\s+", " ").Trim();
    }

    /// <summary>"Bom dia, (cliente)!", "Boa tarde, Carlos!", "Cliente, bom dia!" and "(Cliente)," openings.</summary>
    [GeneratedRegex(@"^\W*(?:\d+\s*[°º.)]\s*)?(?:(?:bom dia|boa tarde|boa noite)\b[^!.\n]{0,40}[!.,]|[\p{L} ()]{0,30},\s*(?:bom dia|boa tarde|boa noite)\s*[!.,]|\(?cliente\)?\s*,)\s*")]
    private static partial Regex Opening();
}
