using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-03: the resolution is a dated log: "Análise dd/mm/aaaa / Teste dd/mm/aaaa / Encaminhamento dd/mm/aaaa /
/// Solução dd/mm/aaaa". Entries without a date, or a closed protocol without a dated Solução, are flagged.
/// </summary>
public sealed partial class DatedResolutionRule : IRule
{
    public string Id => "PRO-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var resolution = c.Case.Field(LogicalField.Resolution);
        if (resolution is null)
        {
            return; // an empty resolution on a closed protocol is PRO-01's finding
        }

        var key = TextKey.Of(resolution);
        var undated = Entry().Matches(key).Where(m => !m.Groups["date"].Success).Select(m => m.Groups["entry"].Value).Distinct().ToList();
        var problems = new List<string>();
        if (undated.Count > 0)
        {
            problems.Add("entradas sem data: " + string.Join(", ", undated));
        }

        if (c.Case.IsClosed && !Entry().Matches(key).Any(m => m.Groups["entry"].Value == "solucao" && m.Groups["date"].Success))
        {
            problems.Add("falta \"Solução dd/mm/aaaa\"");
        }

        if (problems.Count > 0)
        {
            c.Add(findings, Id, FindingKind.CommentIncomplete, "resolução fora do padrão (" + string.Join("; ", problems) + ")",
                ProtocolCase.OwnerAndSupervisor(c), string.Join("+", undated));
        }
    }

    [GeneratedRegex(@"\b(?<entry>analise|teste|encaminhamento|solucao)\b(?:\s*(?:em|:|-)?\s*(?<date>\d{2}/\d{2}/\d{4}))?")]
    private static partial Regex Entry();
}
