using System.Text.RegularExpressions;

namespace SfBridge.Rules.Billing;

/// <summary>
/// The greeting that opens an agent's message to the customer ("Bom dia, Carlos!", "Carlos Alberto de Souza, bom dia!",
/// "Prezado Sr. Carlos, boa tarde", "@Maria da Silva Santos Bom dia"): at the very start, or after titles and a name. A
/// name is words that start with a capital (joined by "de", "da", "dos", "e"), or one word in lower case before a comma
/// ("carlos, bom dia!"; not a participle or a word that closes a talk: "corrigido", "perfeito"), so the words of a
/// sentence before a greeting are not taken for one: "Incidente resolvido, boa noite!", "obrigado, bom dia!",
/// "Obrigado, bom dia!", "Resolvido, boa noite!", "corrigido, boa noite!" and "Tenha um bom dia" open with no greeting; a
/// capitalised name that reads as a participle ("Machado, boa noite!") is still a name.
/// </summary>
public static partial class OpeningGreeting
{
    /// <summary>
    /// Whether the message opens with a greeting after a word that acknowledges ("Recebido, bom dia!", "Ok, boa tarde"): no greeting
    /// for BIL-04 (at 15:00 it may be a goodbye), but, as a conversation's first message, the greeting BIL-02 sets apart.
    /// </summary>
    public static bool AfterAcknowledgement(string? text) => text is not null && Acknowledged().IsMatch(text);

    [GeneratedRegex(@"^[\s\p{P}\p{S}]*(?i:" + Acknowledgement + @")[\s,!.]+(?i:" + TimeOfDay + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex Acknowledged();

    /// <summary>Words that acknowledge or thank: no name, and before a greeting no greeting for BIL-04.</summary>
    private const string Acknowledgement = @"(?:recebid|confirmad|entendid|registrad|anotad|obrigad|grat)[oa]s?|ciente|ok|certo|perfeito";

    /// <summary>A greeting: the time of day, or none ("Olá", "Oi").</summary>
    private const string TimeOfDay = @"bom\s+dia|boa\s+tarde|boa\s+noite|ol[aá]|oi";

    /// <summary>The greeting the message opens with, as written ("Bom dia", "boa tarde", "Olá"), or null.</summary>
    public static string? Of(string? text) => text is not null && Pattern().Match(text) is { Success: true } m ? m.Groups["greeting"].Value : null;

    /// <summary>
    /// A word that is no name, whatever its case: one that closes a talk ("Obrigado", "Ok", "Perfeito", "Entendido", "Anotado",
    /// "Fechado") or a participle that reports the work done ("Resolvido", "Corrigido"). "Obrigado, bom dia!" is written with a
    /// capital as often as without.
    /// </summary>
    private const string NotAName = @"(?!(?i:" + Acknowledgement + @"|valeu|pronto|combinado|beleza|show|tranquil[oa]|[oó]timo|tenha|tenham|enfim|ent[aã]o|sim|n[aã]o|" +
                                    @"(?:resolvid|corrigid|normalizad|solucionad|finalizad|conclu[ií]d|encerrad|atualizad|verificad|realizad|regularizad|restabelecid|ajustad|feit" +
                                    @"|agradecid|fechad|combinad|acertad)[oa]s?)\b)";

    /// <summary>
    /// In lower case, any participle too ("corrigido, boa noite!"): a name is written with a capital, and one that reads as a
    /// participle ("Machado", "Aparecida") is still a name.
    /// </summary>
    private const string NotALowerCaseName = @"(?!(?i:\p{L}*[ai]d[oa]s?)\b)";

    [GeneratedRegex(@"^[\s\p{P}\p{S}]*(?:(?i:sr|sra|srta|sres|dr|dra|prezad[oa]s?|car[oa]s?)\.?\s+){0,2}(?:" + NotAName + @"\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:d[aeo]s?|e)\s+)?\p{Lu}[\p{L}'’-]*){0,4}(?:(?>\s*),)?(?>\s+)|" + NotAName + NotALowerCaseName + @"\p{Ll}[\p{L}'’-]*\s*,\s*)?(?<greeting>(?i:" + TimeOfDay + @"))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
