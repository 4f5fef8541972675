using System.Globalization;
using SfBridge.Rules;
using static SfBridge.Audit.HtmlFinding;

namespace SfBridge.Audit;

/// <summary>
/// The report people open: one self-contained HTML page (inline style, no fetches, readable without its script) of an
/// audit's findings, grouped by pack and then severity with counts by pack, severity and owner; or of a replay, the
/// findings a mappings change adds and removes side by side with counts per rule.
/// </summary>
public static class HtmlReport
{
    /// <summary>The audit page: header, counts, then each pack's findings from critical to info.</summary>
    public static void RenderAudit(TextWriter o, AuditResult result, ReportContext context)
    {
        var findings = result.Findings;
        WriteStart(o, $"Auditoria SfBridge — {context.Local(context.Now)}", "Auditoria SfBridge", "apontamentos das regras de operação");
        WriteMeta(o, context, "Mapeamentos",
            ("Casos julgados", result.CasesJudged.ToString(CultureInfo.InvariantCulture)),
            ("Apontamentos", findings.Count.ToString(CultureInfo.InvariantCulture)),
            ("Casos com apontamentos", findings.Select(f => f.CaseId).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture)),
            ("Em quarentena", result.Quarantined.Count.ToString(CultureInfo.InvariantCulture)));
        ReportSummary.Write(o, findings, context);
        var packs = findings.GroupBy(f => f.Pack).OrderBy(g => PackOrder(g.Key)).ToList();
        if (packs.Count > 0)
        {
            o.WriteLine("""<nav class="packs" aria-label="Pacotes">""" + string.Concat(packs.Select(p =>
                $"""<a href="#pacote-{Line(p.Key)}">{Text(ReportLabels.Pack(p.Key))} ({p.Count()})</a>""")) + "</nav>");
            WriteFilter(o);
        }
        else
        {
            o.WriteLine("""<p class="empty">Nenhum apontamento: todas as regras foram cumpridas nos casos julgados.</p>""");
        }

        o.WriteLine("<main>");
        foreach (var pack in packs)
        {
            o.WriteLine($"""<section class="pack" id="pacote-{Line(pack.Key)}" data-pack="{Line(pack.Key)}" data-count="{pack.Count()}">""");
            o.WriteLine($"""<h2>{Text(ReportLabels.Pack(pack.Key))}<span class="count">{pack.Count()}</span></h2>""");
            foreach (var severity in ReportLabels.Severities)
            {
                var items = pack.Where(f => f.Severity == severity).ToList();
                if (items.Count == 0)
                {
                    continue;
                }

                var wire = severity.WireName();
                o.WriteLine($"""<section class="severity" data-severity="{wire}"><h3 class="sev sev-{wire}">{ReportLabels.SeverityName(severity)} ({items.Count})</h3>""");
                foreach (var f in items)
                {
                    HtmlFinding.Write(o, f, context);
                }

                o.WriteLine("</section>");
            }

            o.WriteLine("</section>");
        }

        o.WriteLine("</main>");
        WriteQuarantine(o, result.Quarantined);
        WriteEnd(o);
    }

    /// <summary>
    /// The replay page: what a mappings change would do. <paramref name="added"/> are judged with the proposed mappings
    /// (their clocks are measured with <paramref name="proposed"/>), <paramref name="removed"/> with the current ones
    /// (<paramref name="baseline"/>); both contexts hold the same cases and instant.
    /// </summary>
    public static void RenderReplay(TextWriter o, IReadOnlyList<Finding> added, IReadOnlyList<Finding> removed, ReportContext proposed, ReportContext baseline)
    {
        WriteStart(o, $"Simulação de mapeamentos SfBridge — {proposed.Local(proposed.Now)}", "Simulação de mapeamentos", "o que a mudança faria nos apontamentos");
        WriteMeta(o, proposed, "Mapeamentos propostos",
            ("Mapeamentos atuais", baseline.MappingsSource ?? "—"),
            ("Aparecem", added.Count.ToString(CultureInfo.InvariantCulture)),
            ("Desaparecem", removed.Count.ToString(CultureInfo.InvariantCulture)));
        ReportSummary.WriteRuleChanges(o, added, removed);
        if (added.Count + removed.Count > 0)
        {
            WriteFilter(o);
        }

        o.WriteLine("""<main class="columns">""");
        WriteColumn(o, "added", "Aparecem", $"+{added.Count}", added, proposed, "Nenhum apontamento novo.");
        WriteColumn(o, "removed", "Desaparecem", $"−{removed.Count}", removed, baseline, "Nenhum apontamento deixa de existir.");
        o.WriteLine("</main>");
        WriteEnd(o);
    }

    internal static int PackOrder(string pack)
    {
        var index = RuleCatalog.Packs.ToList().IndexOf(pack);
        return index < 0 ? int.MaxValue : index;
    }

    private static void WriteColumn(TextWriter o, string change, string title, string count, IReadOnlyList<Finding> findings, ReportContext context, string empty)
    {
        o.WriteLine($"""<section class="column change-{change}" data-change="{change}" data-count="{findings.Count}"><h2>{title}<span class="count">{count}</span></h2>""");
        if (findings.Count == 0)
        {
            o.WriteLine($"""<p class="empty">{empty}</p>""");
        }

        foreach (var f in findings.OrderBy(f => PackOrder(f.Pack)).ThenByDescending(f => f.Severity).ThenBy(f => f.CaseNumber, StringComparer.Ordinal)
                     .ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            HtmlFinding.Write(o, f, context, change);
        }

        o.WriteLine("</section>");
    }

    private static void WriteStart(TextWriter o, string title, string heading, string subtitle)
    {
        o.WriteLine("<!DOCTYPE html>");
        o.WriteLine("""<html lang="pt-BR"><head><meta charset="utf-8">""");
        o.WriteLine($"""<meta http-equiv="Content-Security-Policy" content="{ReportStyle.ContentSecurityPolicy}">""");
        o.WriteLine("""<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">""");
        o.WriteLine($"<title>{Text(title)}</title>");
        o.WriteLine($"<style>{ReportStyle.Css}</style></head>");
        o.WriteLine($"""<body><div class="page"><header class="page-head"><h1>{Text(heading)}<small>{Text(subtitle)}</small></h1>""");
    }

    private static void WriteMeta(TextWriter o, ReportContext context, string mappingsLabel, params (string Label, string Value)[] extra)
    {
        var items = new List<(string, string)>
        {
            ("Org (fotografia)", context.Source),
            ("Avaliado em", $"{context.Local(context.Now)} ({context.Zone.Id})"),
        };
        if (context.MappingsSource is { } mappings)
        {
            items.Add((mappingsLabel, mappings));
        }

        items.AddRange(extra);
        o.WriteLine("""<dl class="meta">""" + string.Concat(items.Select(i => $"<div><dt>{Text(i.Item1)}</dt><dd>{Line(i.Item2, 200)}</dd></div>")) + "</dl></header>");
    }

    private static void WriteFilter(TextWriter o) =>
        o.WriteLine("""<div id="filtro" hidden><label for="filtro-texto">Filtrar</label><input id="filtro-texto" type="search" placeholder="caso, assunto, regra, pessoa…"><output></output></div>""");

    private static void WriteQuarantine(TextWriter o, IReadOnlyList<QuarantinedRecord> quarantined)
    {
        if (quarantined.Count == 0)
        {
            return;
        }

        o.WriteLine($"""<section class="box quarantine"><h2>Casos em quarentena ({quarantined.Count}): não foram julgados</h2><table><tr><th>Caso</th><th>Motivo</th></tr>""");
        foreach (var q in quarantined)
        {
            o.WriteLine($"<tr><td>{Line(q.Id ?? "(sem Id)")}</td><td>{Line(q.Reason, 300)}</td></tr>");
        }

        o.WriteLine("</table></section>");
    }

    private static void WriteEnd(TextWriter o)
    {
        o.WriteLine("<footer>Gerado pelo SfBridge. Página autocontida: nada é carregado de fora; os links levam ao registro do caso no Salesforce.</footer></div>");
        o.WriteLine($"<script>{ReportStyle.Script}</script></body></html>");
    }
}
