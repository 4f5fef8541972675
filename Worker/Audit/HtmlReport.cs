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
    public static void RenderAudit(TextWriter o, AuditResult result, ReportContext context) =>
        RenderAudit(o, AuditTotals.Of(result, context), result.Findings.Select((f, i) => PrintedFinding.Of(f, i, HtmlFinding.Render(f, context))), context);

    /// <summary>
    /// The audit page from its totals and its findings' cards in the output order (<see cref="PrintedFinding.OutputOrder"/>),
    /// each written as it comes: the page's counts come first, so they are counted beforehand.
    /// </summary>
    internal static void RenderAudit(TextWriter o, AuditTotals totals, IEnumerable<PrintedFinding> cards, ReportContext context)
    {
        WriteStart(o, $"Auditoria SfBridge — {context.Local(context.Now)}", "Auditoria SfBridge", "apontamentos das regras de operação");
        WriteMeta(o, context, "Mapeamentos",
            ("Casos julgados", totals.CasesJudged.ToString(CultureInfo.InvariantCulture)),
            ("Apontamentos", totals.Findings.ToString(CultureInfo.InvariantCulture)),
            ("Casos com apontamentos", totals.CasesWithFindings.ToString(CultureInfo.InvariantCulture)),
            ("Em quarentena", totals.Quarantined.Count.ToString(CultureInfo.InvariantCulture)));
        ReportSummary.Write(o, totals);
        var packs = totals.Packs.ToList();
        if (packs.Count > 0)
        {
            o.WriteLine("""<nav class="packs" aria-label="Pacotes">""" + string.Concat(packs.Select(p =>
                $"""<a href="#pacote-{Line(p)}">{Text(ReportLabels.Pack(p))} ({totals.Count(p)})</a>""")) + "</nav>");
            WriteFilter(o);
        }
        else
        {
            o.WriteLine("""<p class="empty">Nenhum apontamento: todas as regras foram cumpridas nos casos julgados.</p>""");
        }

        o.WriteLine("<main>");
        string? pack = null;
        Severity? severity = null;
        foreach (var card in cards)
        {
            if (card.Pack != pack)
            {
                CloseSections(o, pack, severity);
                (pack, severity) = (card.Pack, null);
                o.WriteLine($"""<section class="pack" id="pacote-{Line(pack)}" data-pack="{Line(pack)}" data-count="{totals.Count(pack)}">""");
                o.WriteLine($"""<h2>{Text(ReportLabels.Pack(pack))}<span class="count">{totals.Count(pack)}</span></h2>""");
            }

            if (card.Severity != severity)
            {
                CloseSections(o, null, severity);
                severity = card.Severity;
                var wire = card.Severity.WireName();
                o.WriteLine($"""<section class="severity" data-severity="{wire}"><h3 class="sev sev-{wire}">{ReportLabels.SeverityName(card.Severity)} ({totals.Count(pack, card.Severity)})</h3>""");
            }

            o.Write(card.Text);
        }

        CloseSections(o, pack, severity);
        o.WriteLine("</main>");
        WriteQuarantine(o, totals.Quarantined);
        WriteEnd(o);
    }

    /// <summary>Ends the severity section and the pack section that are open (null: none).</summary>
    private static void CloseSections(TextWriter o, string? pack, Severity? severity)
    {
        if (severity is not null)
        {
            o.WriteLine("</section>");
        }

        if (pack is not null)
        {
            o.WriteLine("</section>");
        }
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
