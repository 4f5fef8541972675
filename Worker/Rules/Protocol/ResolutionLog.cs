using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-03's reading of the resolution field: "Análise dd/mm/aaaa Nome / Teste … / Encaminhamento … / Solução …". An
/// entry is a line, or a " / " segment of a line, that begins with one of the four keywords (after a bullet or a
/// number, or after the entry's date: "03/03/2026 Solução Lúcia …"); words inside prose ("ambiente de teste") are not entries. An entry is dated when it carries dd/mm (with
/// or without the year), dd-mm-aaaa, dd.mm.aaaa or aaaa-mm-dd, and names its executor when it carries the first name of someone the case knows (owner,
/// executor, opening agent) or a person's name right after the date
/// (a capitalised word that is not a participle such as "Verificado" nor a common word of support logs).
/// </summary>
public static partial class ResolutionLog
{
    /// <summary>
    /// Capitalised words that follow a date in a log and are not people. A name is read as a capital and two or more
    /// lower-case letters, and a participle ("Verificado", "Orientada") is never one: shorter words, participles and
    /// words with digits or a hyphen need no entry.
    /// </summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "log", "logs", "sistema", "cliente", "erro", "problema", "teste", "testes", "analise", "solucao", "encaminhamento", "nota", "notas", "boleto",
        "servidor", "banco", "base", "acesso", "sem", "com", "nao", "uma", "foi", "sera", "segue", "apos", "retorno", "contato", "ligacao", "email",
        "protocolo", "caso", "pendente", "dev", "desenvolvimento", "suporte", "equipe", "time", "setor", "financeiro", "fiscal",
        "comercial", "infra", "infraestrutura", "homologacao", "producao", "ambiente", "versao", "modulo", "tela", "relatorio", "nfe", "nfce", "sped",
        "xml", "senha", "usuario", "cadastro", "configuracao", "parametro", "parametros", "atualizacao", "backup", "rede", "internet",
        "impressora", "estoque", "pdv", "caixa", "venda", "vendas", "faturamento", "integracao", "api", "script", "query", "consulta",
        "aguardando", "conforme", "via", "por", "para", "que", "todos", "todas", "mesmo", "mesma", "ainda", "tambem",
        "feito", "feita",
    };

    private static readonly string[] Keywords = ["analise", "teste", "encaminhamento", "solucao"];

    public static IReadOnlyList<ResolutionEntry> Read(string? text, IEnumerable<string?> knownNames)
    {
        var entries = new List<ResolutionEntry>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return entries;
        }

        var firstNames = knownNames.Select(n => TextKey.Of(n).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .Where(n => n is { Length: >= 3 }).Distinct(StringComparer.Ordinal).ToList();
        foreach (var body in Segments(text))
        {
            var key = TextKey.Of(body);
            var keyword = KeywordAt(key);
            var date = Date().Match(body);
            var afterDate = date.Success ? body[(date.Index + date.Length)..] : "";
            // The date (and a time) written before the keyword ("03/03/2026 14:20 Solução Lúcia - boleto regerado") begins the
            // entry as well; the name then follows the keyword.
            if (keyword is null && date.Success && body[..date.Index].Trim().Length == 0)
            {
                var rest = TimeThenSeparators().Replace(afterDate, "");
                keyword = KeywordAt(TextKey.Of(rest));
                afterDate = keyword is null ? afterDate : FirstWord().Replace(rest, "");
            }

            if (keyword is null)
            {
                continue;
            }

            var named = firstNames.Any(n => TextSearch.ContainsWord(key, n!, digitsAreWordCharacters: false)) ||
                        (date.Success && NameAfterDate(afterDate));
            entries.Add(new ResolutionEntry(keyword, date.Success, named));
        }

        return entries;
    }

    [GeneratedRegex(@"^[\s\-:/|;,]*(?:(?:[àa]s\s+)?\d{1,2}[:h]\d{2}(?::\d{2})?)?[\s\-:/|;,]*")]
    private static partial Regex TimeThenSeparators();

    [GeneratedRegex(@"^\p{L}+[\s\-:/|;,]*")]
    private static partial Regex FirstWord();

    private static string? KeywordAt(string key) =>
        Keywords.FirstOrDefault(k => key.StartsWith(k, StringComparison.Ordinal) && (key.Length == k.Length || !char.IsLetter(key[k.Length])));

    /// <summary>
    /// The parts of the resolution field that may each be an entry: its lines, split again at " / " before an entry
    /// keyword, with a leading bullet or number removed. PRO-04 reads transfer records in these parts, so a line
    /// holding two dated entries gives each its own date.
    /// </summary>
    public static IEnumerable<string> Segments(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n').SelectMany(line => SegmentBoundary().Split(line)).Select(s => Bullet().Replace(s, ""));

    private static bool NameAfterDate(string rest)
    {
        var m = NameAfter().Match(rest);
        if (!m.Success)
        {
            return false;
        }

        var word = TextKey.Of(m.Groups["name"].Value);
        return !NotNames.Contains(word) && !Participle().IsMatch(word);
    }

    // Entries written on one line apart by "/" before a keyword, or by ";" or "|" before a capitalised keyword followed by its
    // date ("…; Solução 03/03/2026 Lúcia"): prose after a ";" ("…; teste realizado com sucesso") and a transfer record's own
    // parts ("02/03/2026; teste de emissão falhou; Desenvolvimento") stay where they are.
    [GeneratedRegex(@"\s*/\s*(?=(?i:an[áa]lise|teste|encaminhamento|solu[çc][ãa]o)\b)" +
        @"|\s*[;|]\s*(?=(?:An[áa]lise|AN[ÁA]LISE|Teste|TESTE|Encaminhamento|ENCAMINHAMENTO|Solu[çc][ãa]o|SOLU[ÇC][ÃA]O)\b[^;|\n\d]{0,12}\d{1,4}[/.\-]\d{1,2})")]
    private static partial Regex SegmentBoundary();

    [GeneratedRegex(@"^\s*(?:[-*•·]+|\d{1,2}[.)])\s*")]
    private static partial Regex Bullet();

    // dd/mm, dd/mm/aa or dd/mm/aaaa; a full year may be followed by the slash of the manual's own template ("Análise Data/ Teste Data/").
    // Also the other forms (OtherDateForms).
    [GeneratedRegex(@"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{4}(?!\d)(?!/\d)|(?:/\d{2})?(?![\d/]))|" + OtherDateForms)]
    private static partial Regex Date();

    /// <summary>
    /// The dates besides dd/mm that logs carry, with their day and month as groups d and m: dd-mm-aaaa, dd-mm-aa and
    /// dd.mm.aaaa with a real day and month (without the year "10-12" is a range and "2.5" a version), and aaaa-mm-dd.
    /// PRO-04's transfer records read the same forms.
    /// </summary>
    internal const string OtherDateForms =
        @"(?<![\d.\-])(?<d>0?[1-9]|[12]\d|3[01])(?:-(?<m>0?[1-9]|1[0-2])-(?:\d{4}|\d{2})|\.(?<m>0?[1-9]|1[0-2])\.\d{4})(?!\d)(?![.\-]\d)" +
        @"|(?<![\d.\-/])\d{4}-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\d|3[01])(?![\d\-])";

    // A name stands on its own: "Ana", "Ana Souza - ...", "Bruno: ...", not the first word of a sentence ("Portal do cliente ...");
    // a time of day ("14:20", "às 14h20") and the template's slash may come between the date and the name.
    [GeneratedRegex(@"^\s*(?:(?:(?i:[àa]s)\s+)?\d{1,2}[:h]\d{2}h?\s*)?(?:[-–—:,/]\s*)?(?:(?i:por|feito por|realizad[oa] por)\s+)?(?<name>\p{Lu}\p{Ll}{2,})(?:\s+\p{Lu}\p{Ll}+)*(?=\s*$|\s*[-–—:,;/(.]|\s+\p{Lu})")]
    private static partial Regex NameAfter();

    [GeneratedRegex(@"(?:ado|ada|ados|adas|ido|ida|idos|idas)$")]
    private static partial Regex Participle();
}
