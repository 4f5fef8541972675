using SfBridge.Rules;
using static SfBridge.Audit.HtmlFinding;

namespace SfBridge.Audit;

/// <summary>The report's count boxes: by severity, by pack (and severity), by owner; for a replay, by rule.</summary>
internal static class ReportSummary
{
    public static void Write(TextWriter o, AuditTotals totals)
    {
        o.WriteLine("""<section class="summary" aria-label="Contagens">""");
        o.Write("""<div class="box by-severity"><h2>Por severidade</h2><div class="tiles">""");
        foreach (var severity in ReportLabels.Severities)
        {
            var wire = severity.WireName();
            o.Write($"""<div class="tile sev-{wire}" data-severity="{wire}"><b>{totals.Count(severity)}</b>{ReportLabels.SeverityName(severity)}</div>""");
        }

        o.WriteLine($"""</div><p>{totals.Findings} apontamentos em {totals.CasesWithFindings} casos</p></div>""");
        o.Write("""<div class="box by-pack"><h2>Por pacote</h2><table><thead><tr><th>Pacote</th>""");
        o.Write(string.Concat(ReportLabels.Severities.Select(s => $"""<th class="n">{ReportLabels.SeverityName(s)}</th>""")));
        o.WriteLine("""<th class="n">Total</th></tr></thead><tbody>""");
        foreach (var pack in totals.Packs)
        {
            o.Write($"""<tr data-pack="{Line(pack)}"><td>{Text(ReportLabels.Pack(pack))}</td>""");
            o.Write(string.Concat(ReportLabels.Severities.Select(s => $"""<td class="n">{totals.Count(pack, s)}</td>""")));
            o.WriteLine($"""<td class="n total">{totals.Count(pack)}</td></tr>""");
        }

        o.Write("""<tr class="total"><td>Total</td>""");
        o.Write(string.Concat(ReportLabels.Severities.Select(s => $"""<td class="n">{totals.Count(s)}</td>""")));
        o.WriteLine($"""<td class="n">{totals.Findings}</td></tr></tbody></table></div>""");
        o.WriteLine("""<div class="box by-owner"><h2>Por responsável</h2><table><thead><tr><th>Responsável pelo caso</th><th class="n">Apontamentos</th></tr></thead><tbody>""");
        foreach (var (owner, count) in totals.Owners)
        {
            o.WriteLine($"""<tr><td>{Line(owner)}</td><td class="n">{count}</td></tr>""");
        }

        o.WriteLine("</tbody></table></div></section>");
    }

    /// <summary>For a replay: per rule, how many findings appear and disappear, in the catalogue's order.</summary>
    public static void WriteRuleChanges(TextWriter o, IReadOnlyList<Finding> added, IReadOnlyList<Finding> removed)
    {
        var rules = added.Concat(removed).Select(f => f.RuleId).Distinct(StringComparer.Ordinal)
            .OrderBy(r => RuleCatalog.Rules.TryGetValue(r, out var info) ? HtmlReport.PackOrder(info.Pack) : int.MaxValue)
            .ThenBy(r => RuleCatalog.Rules.Keys.ToList().IndexOf(r)).ThenBy(r => r, StringComparer.Ordinal).ToList();
        o.WriteLine("""<section class="box by-rule"><h2>Por regra</h2>""");
        if (rules.Count == 0)
        {
            o.WriteLine("""<p class="empty">A mudança não altera nenhum apontamento dos casos julgados.</p></section>""");
            return;
        }

        o.WriteLine("""<table><thead><tr><th>Regra</th><th>Nome</th><th class="n">Aparecem</th><th class="n">Desaparecem</th></tr></thead><tbody>""");
        foreach (var rule in rules)
        {
            var plus = added.Count(f => f.RuleId == rule);
            var minus = removed.Count(f => f.RuleId == rule);
            o.WriteLine($"""<tr data-rule="{Line(rule)}"><td><code>{Line(rule)}</code></td><td>{Text(ReportLabels.Rule(rule))}</td>""" +
                        $"""<td class="n plus" data-added="{plus}">+{plus}</td><td class="n minus" data-removed="{minus}">−{minus}</td></tr>""");
        }

        o.WriteLine($"""<tr class="total"><td colspan="2">Total</td><td class="n plus">+{added.Count}</td><td class="n minus">−{removed.Count}</td></tr></tbody></table></section>""");
    }
}
