using System.Buffers;
using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-02's reading of the escalation comments. Each item is looked up first as the case's own data (the order
/// number's digits, the contact's first or last name, the e-mail, the phone's last 8 digits, the street and number,
/// a distinctive word of the AR's name); only when the case has no value does a pattern decide, and the patterns ask
/// for the item as people write it in prose or behind a label ("Cliente Joana Lima", "Cliente: Joana"), never for a
/// look-alike (a 10-digit order number is not a phone, "(AR)" copied from the category is not an AR's name, "Tipo de
/// solicitação" is not a complaint).
/// </summary>
public static partial class EscalationComments
{
    /// <summary>Words of a name or address that say nothing about whose it is (shorter words are never tokens: see <see cref="Tokens"/>).</summary>
    private static readonly HashSet<string> NameStopWords = new(StringComparer.Ordinal)
    {
        "das", "dos", "agr", "certisign", "posto", "ponto", "atendimento", "unidade", "loja", "agencia",
        "rua", "avenida", "alameda", "travessa", "rodovia", "estrada", "praca", "sala", "apto", "bloco",
    };

    /// <summary>
    /// Capitalised words that follow "Cliente" (or an AR label) and are not names: verbs and words that start a report. The
    /// labels read a word of two letters or more, so shorter words need no entry.
    /// </summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "informa", "informou", "relata", "relatou", "reclama", "reclamou", "solicita", "solicitou", "nao", "ja", "entrou", "ligou", "disse",
        "diz", "alega", "alegou", "afirma", "afirmou", "esta", "estava", "aguarda", "aguardando", "pede", "pediu", "quer", "precisa", "tem",
        "possui", "final", "chave", "corporativo", "sem", "com", "em", "no", "na", "foi", "fez", "realizou", "agendou", "validou", "comprou",
        "retornou", "enviou", "recebeu", "cliente", "titular", "nome", "pedido", "email", "telefone", "tel", "contato",
        "os", "as", "um", "uma", "que", "se", "precisou", "gostaria", "compareceu", "tentou", "procurou", "nos", "pf", "pj", "cpf", "cnpj",
        "menciona", "mencionou", "comenta", "comentou", "explica", "explicou", "conta", "contou", "tenta", "cancelou",
        "informando", "relatando", "reclamando", "alegando", "dizendo", "afirmando", "mencionando", "comentando", "explicando", "tentando",
        "telefonico", "whatsapp", "celular", "via", "por", "pelo", "pela", "fone", "whats", "wpp", "ar", "agr", "posto", "ponto",
        "ontem", "hoje", "amanha", "manha", "tarde", "noite", "ecpf", "ecnpj", "certificado", "midia", "token",
    };

    public static EscalationContent Read(string text, EscalationData data)
    {
        var key = TextKey.Fold(text);
        return new EscalationContent(
            RequestType(text, key, data),
            data.OrderNumber is { } order && Digits(order) is { Length: >= 4 } orderDigits ? ContainsDigits(key, orderDigits) : OrderPattern().IsMatch(key),
            data.CustomerName is { } name && Tokens(name) is { Count: > 0 } nameTokens ? nameTokens.Any(t => Word(key, t)) : CustomerNamed(text, key),
            data.Email is { } email && email.Contains('@', StringComparison.Ordinal) ? key.Contains(email.Trim().ToLowerInvariant(), StringComparison.Ordinal) : EmailPattern().IsMatch(key),
            data.Phone is { } phone && Digits(WithoutExtension(phone)) is { Length: >= 8 } phoneDigits ? HasPhoneEnding(text, phoneDigits[^8..]) : HasPhone(text),
            data.Address is { } address && Tokens(address) is { Count: > 0 } ? HasAddress(key, address) : AddressWritten(key),
            ComplaintWritten(key),
            !string.IsNullOrWhiteSpace(data.ArName) ? HasArName(key, data.ArName) : ArNamed(text));
    }

    private static bool RequestType(string text, string key, EscalationData data)
    {
        string[]? lines = null; // each line as a key, made only when a wording must be looked for line by line
        bool? breaksAtLineFeeds = null; // read once, when a wording long enough to look for first needs it
        foreach (var w in data.CategoryKeys)
        {
            if (w.Length < 4)
            {
                continue;
            }

            // A line's key is its folded text with the spaces around "-" and "/" closed up and its ends trimmed: a
            // wording with neither, which never starts or ends with a space, is in a line's key exactly where it is in
            // the folded text, as long as the folded text breaks lines where the text does (at line feeds only).
            if (w.AsSpan().IndexOfAny('-', '/') < 0 && (breaksAtLineFeeds ??= BreaksOnlyAtLineFeeds(text)))
            {
                if (key.Contains(w, StringComparison.Ordinal))
                {
                    return true;
                }

                continue;
            }

            lines ??= Array.ConvertAll(text.Split('\n'), TextKey.Of);
            foreach (var line in lines)
            {
                if (line.Contains(w, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return (key.AsSpan().ContainsAny(SituationWords) && SituationPattern().IsMatch(key)) ||
               (key.AsSpan().ContainsAny(RequestLabelWords) && RequestLabelPattern().IsMatch(key));
    }

    /// <summary>
    /// Whether the text's line breaks are all line feeds (a CR LF counts as one): <see cref="TextKey.Fold"/> also
    /// breaks at a lone CR, a form feed, NEL and the Unicode line and paragraph separators, where a line's key has a space.
    /// </summary>
    internal static bool BreaksOnlyAtLineFeeds(string text)
    {
        var rest = text.AsSpan();
        while (rest.IndexOfAny(OtherLineBreaks) is >= 0 and var at)
        {
            if (rest[at] != '\r' || at + 1 >= rest.Length || rest[at + 1] != '\n')
            {
                return false;
            }

            rest = rest[(at + 2)..];
        }

        return true;
    }

    private static readonly SearchValues<char> OtherLineBreaks = SearchValues.Create("\r\f\u0085\u2028\u2029");

    private static bool CustomerNamed(string text, string key) => Labelled(text, CustomerLabelWords, CustomerLabelPattern()) || NameLabelPattern().IsMatch(key);

    private static bool ArNamed(string text) => Labelled(text, ArLabelWords, ArLabelPattern());

    private static bool HasArName(string key, string ar)
    {
        var distinctive = Tokens(ar);
        return distinctive.Count > 0 ? distinctive.Any(t => Word(key, t)) : key.Contains(TextKey.Of(ar), StringComparison.Ordinal);
    }

    private static bool HasAddress(string key, string address)
    {
        // The postcode, wherever the field writes it ("CEP 01310-200, Av. Paulista, 1578"), is neither street nor number.
        var normalized = AddressZip().Replace(TextKey.Of(address), " ").Trim(' ', ',', '-', ';');
        var street = normalized.Split([',', '-'], 2)[0];
        var words = Tokens(new string(street.Select(ch => char.IsAsciiDigit(ch) ? ' ' : ch).ToArray())).Where(t => t.Length >= 3).ToList();
        // A number written with a thousands dot ("1.578") is one number.
        var number = StreetNumber().Match(normalized);
        var streetFound = words.Count == 0 || words.Any(t => Word(key, t));
        return streetFound && (!number.Success || TextSearch.ContainsDigits(key, number.Value.Replace(".", "", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Whether the text holds the case's phone: a run of digits (however it is spaced or punctuated) of at most 13 digits
    /// that ends with the phone's last 8, or a phone written as phones are ("(19) 99876-1122") beside another number,
    /// which makes one run of the two ("Pedido 48100221 (19) 99876-1122", "(19) 99876-1122 - 3 tentativas").
    /// </summary>
    private static bool HasPhoneEnding(string text, string last8)
    {
        var longRun = false;
        Span<char> digits = stackalloc char[14]; // a run's digits, as far as a phone's 13 and one more
        foreach (var m in DigitRunPattern().EnumerateMatches(text))
        {
            var count = 0;
            foreach (var ch in text.AsSpan(m.Index, m.Length))
            {
                if (char.IsAsciiDigit(ch) && count++ < digits.Length)
                {
                    digits[count - 1] = ch;
                }
            }

            if (count <= 13 && digits[..count].EndsWith(last8.AsSpan(), StringComparison.Ordinal))
            {
                return true;
            }

            longRun |= count > 8;
        }

        // Only a run longer than the phone's ending can hide the phone, run into a number after it ("(19) 99876-1122 - 3
        // tentativas") or before it: the common comment without the phone (an 8-digit order number) is not read twice.
        if (!longRun)
        {
            return false;
        }

        foreach (Match m in PhonePattern().Matches(text))
        {
            if (Digits(m.Value).EndsWith(last8, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A phone field without the extension written after the number ("(19) 3333-4444 ramal 21", "… r. 21", "… ext. 210",
    /// "… x21"): the extension is no part of the number a comment writes, nor of its 10 to 13 digits.
    /// </summary>
    internal static string WithoutExtension(string phone) => ExtensionPattern().Replace(phone, "");

    [GeneratedRegex(@"\s*[,;/-]?\s*(?:\b(?:ramal|ext|extens[aã]o|r)\b\.?|x)\s*:?\s*\d{1,5}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    private static bool HasPhone(string text)
    {
        foreach (Match m in PhonePattern().Matches(text))
        {
            var before = TextKey.Of(text[Math.Max(0, m.Index - 16)..m.Index]);
            if (m.Groups["labelled"].Success || !NumberLabelBefore().IsMatch(before))
            {
                return true;
            }
        }

        return false;
    }

    // The patterns below start at letters found nearly everywhere in Portuguese (a, c, e, r, t, p...), so a pattern read
    // over a comment tries almost every position. Each of their matches holds one of these strings: a comment without
    // any of them (found by one vectorised search) is not read by the pattern. GsoPatternGuardTests holds them to that.

    /// <summary>What every match of <see cref="AddressPattern"/> holds, a ZIP code aside (<see cref="ZipPattern"/>).</summary>
    internal static readonly SearchValues<string> AddressWords =
        SearchValues.Create(["rua", "r.", "av", "alameda", "al.", "travessa", "tv.", "rod", "estrada", "praca", "endereco", "cep"], StringComparison.Ordinal);

    internal static readonly SearchValues<string> CustomerLabelWords =
        SearchValues.Create(["liente", "LIENTE", "itular", "ITULAR", "r.", "ra.", "r(a)", "Sra ", "sra ", "SRA ", "olicitante", "ontato", "ONTATO", "espons", "ESPONS"],
            StringComparison.Ordinal);

    internal static readonly SearchValues<string> ArLabelWords =
        SearchValues.Create(["AR", "AGR", "osto", "onto de atendimento", "gente de registro"], StringComparison.Ordinal);

    /// <summary>
    /// What every match of <see cref="ComplaintPattern"/> starts with: the pattern is read from the first of them on
    /// (its word boundary still sees the character before).
    /// </summary>
    internal static readonly SearchValues<string> ComplaintWords = SearchValues.Create(
        ["inform", "relat", "reclam", "aleg", "diz que", "disse que", "dizendo que", "afirm", "nao consegu", "nao recebeu", "aguarda ha", "esta aguardando", "descricao",
            "ocorrido", "problema", "mencion", "coment", "explic", "conta que", "contou que", "contando que", "tent", "nao obteve", "sem sucesso", "nao envi", "nao entreg",
            "cancelou", "foi mal atendid",
            // What happened, told without a reporting verb ("o pedido continua parado", "segundo o cliente, …"); a request with its reason
            // ("solicita validação por vídeo pois está fora do país") and the category restated ("atraso no envio, não chegou") are not.
            "segundo", "de acordo com", "nao realiz", "nao foi realizad", "nao funcion", "continua ", "segue ", "permanece ", "esta sem ",
            "estava sem ", "ficou sem ", "insatisfeit", "question", "entrou em contato"], StringComparison.Ordinal);

    /// <summary>What every match of <see cref="SituationPattern"/> holds.</summary>
    internal static readonly SearchValues<string> SituationWords = SearchValues.Create(
        ["liberac", "liberad", "aguardando", "pendente", "acima", "agenda", "atraso", "midia", "prioriza", "video", "conduta", "compar", "entrevista", "ouvidoria",
            "corporativo", "fisico", "critico", "falta", "validou", "reclamac",
            // The situation in the customer's words, each alternative by words that are rare in a comment that does not state it
            // ("token", "posto" and "atendimento" alone are in most GSO comments, which would run the pattern on nearly every one).
            "nao envi", "nao entreg", "nao receb", "nao mand", "sem token", "sem cartao", "tem token", "tem cartao", "ha token", "ha cartao",
            "atendimento grosseir", "atendimento ruim", "atendimento pessimo", "atendimento inadequad", "atendimento desrespeit",
            "ha posto", "ha ponto", "existe posto", "existe ponto", "tem posto", "tem ponto", "nenhum posto", "nenhum ponto",
            "validacao", "verificacao", "preparacao", "nao encontr", "horario disponive", "horarios disponive"], StringComparison.Ordinal);

    /// <summary>What every match of <see cref="RequestLabelPattern"/> holds.</summary>
    internal static readonly SearchValues<string> RequestLabelWords = SearchValues.Create(["solicitacao", "pedido"], StringComparison.Ordinal);

    /// <summary>An address as people write one (a street, a labelled address, a ZIP code), read only where one can be.</summary>
    internal static bool AddressWritten(string key) =>
        (key.AsSpan().IndexOfAny(AddressWords) is >= 0 and var at && AddressPattern().IsMatch(key, at)) ||
        (key.Contains('-', StringComparison.Ordinal) && ZipPattern().IsMatch(key));

    /// <summary>A complaint as people report one ("cliente informa que…", "problema: …"), read from the first word one can start with.</summary>
    internal static bool ComplaintWritten(string key) => key.AsSpan().IndexOfAny(ComplaintWords) is >= 0 and var at && ComplaintPattern().IsMatch(key, at);

    /// <summary>A labelled name ("Cliente: Joana", "AR Centro") that is not one of the words that follow such labels in reports.</summary>
    private static bool Labelled(string text, SearchValues<string> words, Regex pattern)
    {
        if (!text.AsSpan().ContainsAny(words))
        {
            return false;
        }

        foreach (Match m in pattern.Matches(text))
        {
            if (!NotNames.Contains(TextKey.Of(m.Groups["name"].Value)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsDigits(string key, string digits) => TextSearch.ContainsDigits(key, digits);

    private static bool Word(string key, string token) => TextSearch.ContainsWord(key, token);

    private static string Digits(string text)
    {
        var digits = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var count = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits[count++] = ch;
            }
        }

        return new string(digits[..count]);
    }

    private static readonly char[] TokenSeparators = [' ', ',', '.', '-', '/', '(', ')'];

    /// <summary>The distinctive words of a name or address: lower case, no accents, particles and common words left out.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>(4);
        foreach (var t in TextKey.Fold(text).Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (t.Length >= 3 && t.Any(char.IsLetter) && !NameStopWords.Contains(t))
            {
                tokens.Add(t);
            }
        }

        return tokens;
    }

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{3})+\b|\b\d{1,6}\b")]
    private static partial Regex StreetNumber();

    [GeneratedRegex(@"\b(?:cep\b[ :]*)?\d{5}-?\d{3}\b|\bcep\b[ :]*")]
    private static partial Regex AddressZip();

    [GeneratedRegex(@"\bpedidos?\b[^\d\n]{0,14}\d(?:[ .\-]?\d){5,11}(?!\d)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    // Within a line: comments are joined by line breaks, and a number ending one must not run into one starting the next.
    [GeneratedRegex(@"\+?\(?\d[\d \t().\-]{6,}\d")]
    private static partial Regex DigitRunPattern();

    [GeneratedRegex(
        @"(?<labelled>(?i:\b(?:tel|telefone|fone|cel|celular|whatsapp|whats|wpp|contato)\b\.?(?>\s*)(?:[:\-](?>\s*))?(?:\+?55\s?)?\(?\d{2}\)?\s?\d{4,5}[\s.\-]?\d{4}))" +
        @"|\(\d{2}\)\s?\d{4,5}[\s.\-]?\d{4}(?!\d)" +
        @"|(?<![\d/])(?:\+55\s?)?\d{2}[\s.\-]\d{4,5}[\s.\-]\d{4}(?!\d)" +
        @"|(?<![\d/.\-])\d{4,5}-\d{4}(?![\d\-])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?:pedido|protocolo|caso|chamado|incidente|cpf|cnpj|cep|n[º°o]\.?)\s*[:\-#]?\s*$")]
    private static partial Regex NumberLabelBefore();

    [GeneratedRegex(@"\b(?:rua|r\.|av\.?|avenida|alameda|al\.|travessa|tv\.|rodovia|rod\.|estrada|praca) +\p{L}|\bendereco\b *(?:[:\-]|e|eh|de entrega|para envio|para entrega) *[\p{L}\d]|\bcep\b(?>\s*)(?:[:\-](?>\s*))?\d{5}-?\d{3}")]
    internal static partial Regex AddressPattern();

    [GeneratedRegex(@"(?<![\d\-])\d{5}-\d{3}(?![\d\-])")]
    internal static partial Regex ZipPattern();

    [GeneratedRegex(
        @"\b(?:informa|informou|informando|relata|relatou|relatando|reclama|reclamou|reclamando|alega|alegou|alegando|diz que|disse que|dizendo que|afirma|afirmou|afirmando" +
        @"|nao consegue|nao conseguiu|nao recebeu|aguarda ha|esta aguardando" +
        @"|menciona|mencionou|mencionando|comenta|comentou|comentando|explica|explicou|explicando|conta que|contou que|contando que|tentou|tenta|tentando" +
        @"|nao obteve|sem sucesso|nao enviou|nao entregou|cancelou|foi mal atendid[oa]" +
        @"|(?:segundo|de acordo com) (?:o|a) client[ea]|nao (?:realizou|realizaram|foi realizad[oa]|funciona|funcionou)" +
        @"|(?:continua|segue|permanece) (?:parad[oa]|pendente|sem)|(?:esta|estava|ficou) sem (?:agenda|midia|acesso|retorno|resposta|atendimento)" +
        @"|insatisfeit[oa]s?|questiona|questionou|questionando|entrou em contato (?:pois|porque|para reclamar))\b" +
        @"|\b(?:reclamacao|descricao|relato|ocorrido|problema) *[:\-] *[\p{L}\d]")]
    internal static partial Regex ComplaintPattern();

    [GeneratedRegex(
        @"\bliberac(?:ao|oes|ar)\b|\b(?:aguardando\s+(?:a\s+)?)(?:validacao|preparacao|verificacao)\b|\b(?:validacao|preparacao|verificacao)\s+pendente" +
        @"|\bacima\s+de\s+24\s*h|\b(?:sem|nao\s+(?:tem|ha|existe|possui))\s+agenda|\bagenda\s+disponivel" +
        @"|\batraso\s+(?:(?:no|do|de|na|da)\s+)?(?:re)?envio|\batraso\s+(?:(?:no|do|de|na|da)\s+)?entrega|\b(?:re)?envio\s+(?:da\s+)?midia|\b(?:sem|nao\s+(?:tem|ha))\s+midia" +
        @"|\bmidia\s+(?:ainda\s+)?nao\s+(?:foi\s+)?(?:enviad[ao]|entregue|recebid[ao])|\bfalta\s+(?:de\s+)?(?:midia|token|cartao|agenda)\b" +
        @"|\bnao\s+foi\s+liberad[oa]|\bja\s+validou|\breclamac(?:ao|oes)\s+(?:contra|sobre|d[aoe]s?)\b|\bmidia\s+disponivel|\bprioriza\w*" +
        @"|\bvideo\s?conferencia|\bvideo\s?chamada|\bvalidacao\s+(?:por|via)\s+video|\bma\s+conduta\b|\bnao\s+compar\w*|\bentrevista\b|\bouvidoria\b" +
        @"|\bcorporativo\b|\bponto\s+fisico\b|\bcasos?\s+critico" +
        // The situation in the customer's words: the AR not sending the media, rude service at the counter, no token at the counter,
        // no counter in town, an order stuck in checking, no time free to book. Not the media type ("e-CPF A1 (sem token)"), the
        // best time to call ("horário disponível para contato") nor a customer's own manners ("cliente foi grosseiro").
        @"|\bnao\s+(?:enviou|entregou|recebeu|mandou)\s+(?:a\s+|o\s+)?(?:midia|token|cartao|certificado)" +
        @"|\b(?:posto|ponto|ar|agr)\b[^.;\n]{0,30}\b(?:sem|nao\s+(?:tem|ha))\s+(?:token|cartao)\b" +
        @"|\batendimento\s+(?:grosseiro|ruim|pessimo|inadequado|desrespeitoso)" +
        @"|\bnao\s+(?:ha|existe|tem)\s+(?:nenhum\s+)?(?:posto|ponto)\b|\bparad[oa]\s+(?:em|na)\s+(?:validacao|verificacao|preparacao)" +
        @"|\bnao\s+encontr\w*\s+(?:agenda|horario)|\b(?:sem|nao\s+(?:ha|tem|existem?))\s+horarios?\s+disponive")]
    internal static partial Regex SituationPattern();

    [GeneratedRegex(@"\b(?:tipo\s+d[ae]\s+solicitacao|tipo\s+d[ae]\s+pedido|solicitacao) *[:\-] *[\p{L}\d][^\n;|]{2,}")]
    internal static partial Regex RequestLabelPattern();

    // A label the name may follow with or without a colon ("Cliente Joana", "Sr(a). Ana", "Sra Maria", "Titular do certificado:
    // Ana"), or, starting a line or a clause, one it follows only after a colon or dash ("Contato: Ana", "Responsável - Ana": "Contato
    // Telefônico" and "AR responsável: Posto Centro" are none).
    [GeneratedRegex(@"(?:(?:\b[Cc]liente|\bCLIENTE|\b[Tt]itular(?: do certificado)?|\bTITULAR|\b[Ss]r\(a\)\.?|\b[Ss]r\.\(a\)|\b[Ss]ra?\.|\b[Ss]ra(?= )|\bSRA(?= )|\b[Ss]olicitante)" +
        @"(?>[ \t]*)(?:[:\-–](?>[ \t]*))?|(?<=(?:^|[\n.;,|])[ \t]*)(?:[Cc]ontato|CONTATO|[Rr]espons[áa]vel|RESPONS[ÁA]VEL)(?>[ \t]*)[:\-–](?>[ \t]*))(?<name>\p{Lu}[\p{Ll}\p{Lu}]+)")]
    internal static partial Regex CustomerLabelPattern();

    [GeneratedRegex(@"\bnome(?: do cliente| completo| do titular)? *[:\-] *\p{L}{2,}")]
    private static partial Regex NameLabelPattern();

    [GeneratedRegex(@"(?:\bAG?R\b|\b[Pp]osto\b|\b[Pp]onto de atendimento\b|\b[Aa]gente de registro\b)(?>[ \t]*)(?:[:\-–](?>[ \t]*))?(?<name>\p{Lu}[\p{Ll}\p{Lu}]+)")]
    internal static partial Regex ArLabelPattern();
}
