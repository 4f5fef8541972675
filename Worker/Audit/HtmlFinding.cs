using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Sla;

namespace SfBridge.Audit;

/// <summary>
/// One finding as a card of the report: case (a link to the record when the instance is known), subject, rule, kind,
/// severity, due time, owner, mentions, the Portuguese message and, for a measured clock, its bar with the numbers in
/// words. Every text that came from the org passes <see cref="Text"/>.
/// </summary>
internal static class HtmlFinding
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Org text made safe for HTML: bidi and invisible characters dropped (as for Chatter), then HTML-encoded.</summary>
    public static string Text(string? text) => Encoder.Encode(ChatterText.Clean(text ?? ""));

    /// <summary>Org text on one line, cut between graphemes.</summary>
    public static string Line(string? text, int maxElements = 160) =>
        Encoder.Encode(ChatterText.ClipElements(ChatterText.OneLine(text ?? ""), maxElements));

    /// <summary>The card of <see cref="Write"/> as text (the audit prints it later, in its place among the others).</summary>
    public static string Render(Finding f, ReportContext context)
    {
        using var card = new StringWriter(CultureInfo.InvariantCulture);
        Write(card, f, context);
        return card.ToString();
    }

    public static void Write(TextWriter o, Finding f, ReportContext context, string? change = null)
    {
        var c = context.Case(f.CaseId);
        var severity = f.Severity.WireName();
        o.Write($"""<article class="finding sev-{severity}" data-case="{Line(f.CaseNumber)}" data-pack="{Line(f.Pack)}" data-rule="{Line(f.RuleId)}" """);
        o.WriteLine($"""data-kind="{f.Kind.WireName()}" data-severity="{severity}"{(change is null ? "" : $" data-change=\"{change}\"")}>""");
        var link = context.RecordLink(f.CaseId);
        var number = Line(f.CaseNumber);
        o.Write("""<header class="f-head">""");
        o.Write(link is null
            ? $"""<span class="case">{number}</span>"""
            : $"""<a class="case" href="{Text(link)}" target="_blank" rel="noopener noreferrer">{number}</a>""");
        o.Write($"""<bdi class="subject">{(string.IsNullOrWhiteSpace(c?.Subject) ? "(sem assunto)" : Line(c!.Subject))}</bdi>""");
        o.WriteLine($"""<span class="sev-label">{ReportLabels.SeverityName(f.Severity)}</span></header>""");
        o.Write($"""<p class="f-rule"><code class="rule">{Line(f.RuleId)}</code> <span class="rule-name">{Text(ReportLabels.Rule(f.RuleId))}</span>""");
        o.WriteLine($""" · <span class="kind" title="{f.Kind.WireName()}">{ReportLabels.Kind(f.Kind)}</span> · {Text(ReportLabels.Pack(f.Pack))}</p>""");
        o.WriteLine($"""<p class="message" lang="pt-BR">{Text(f.Message)}</p>""");
        o.Write("""<dl class="f-meta">""");
        o.Write($"""<div><dt>Prazo</dt><dd class="due">{(f.DueAt is { } due ? Time(due, context) : "—")}</dd></div>""");
        o.Write($"""<div><dt>Responsável</dt><dd class="owner">{Line(context.Owner(c))}</dd></div>""");
        var mentions = f.Mentions.Count == 0 ? "—" : string.Join(", ", f.Mentions.Select(m => Line(context.MentionName(m))));
        o.WriteLine($"""<div><dt>Menções</dt><dd class="mentions">{mentions}</dd></div></dl>""");
        if (context.Clock(f) is { } clock)
        {
            WriteClock(o, clock, context);
        }

        o.WriteLine("</article>");
    }

    private static void WriteClock(TextWriter o, ClockMeasurement m, ReportContext context)
    {
        var bar = ClockBar.Of(m, context.EndOf(m));
        var target = m.Clock.Target.Describe();
        var words = $"decorrido {Duration(bar.Elapsed)} de {target} ({bar.Share.ToString("0", CultureInfo.InvariantCulture)}% do alvo), " +
                    $"pausado {Duration(bar.Paused)}, " +
                    (bar.Overdue > TimeSpan.Zero ? $"atrasado {Duration(bar.Overdue)}" : $"restam {Duration(bar.Remaining)}");
        o.WriteLine($"""<figure class="clock" data-status="{m.Result.Status.ToString().ToLowerInvariant()}">""");
        o.Write($"""<div class="bar" role="img" aria-label="Relógio: {Text(words)}">""");
        foreach (var part in bar.Parts.Where(p => p.Percent > 0))
        {
            var width = part.Percent.ToString("0.0", CultureInfo.InvariantCulture);
            o.Write($"""<span class="part {part.Name}" data-part="{part.Name}" data-width="{width}" style="width:{width}%" title="{PartName(part.Name)}: {Duration(part.Time)}"></span>""");
        }

        o.WriteLine("</div>");
        var pauses = m.Pauses.Count == 0 ? "" : $" Pausas: {string.Join(", ", m.Pauses.Select(p => $"{context.Local(p.From)}–{(p.To is { } to ? context.Local(to) : "em curso")}"))}.";
        var overdue = bar.Overdue > TimeSpan.Zero;
        o.Write($"""<figcaption><span class="key elapsed"></span>{(overdue ? "Decorrido até o prazo" : "Decorrido")} {Duration(overdue ? bar.Target : bar.Elapsed)}""");
        o.Write($"""<span class="key paused"></span>Pausado {Duration(bar.Paused)}""");
        o.Write(overdue
            ? $"""<span class="key overdue"></span>Atrasado {Duration(bar.Overdue)}"""
            : $"""<span class="key remaining"></span>Restam {Duration(bar.Remaining)}""");
        o.Write($""" · decorrido {Duration(bar.Elapsed)} de {Text(target)} ({bar.Share.ToString("0", CultureInfo.InvariantCulture)}%)""");
        o.Write($""" · calendário {Line(m.Clock.Calendar.Name)}, início {context.Local(m.StartedAt)}""");
        o.Write(m.Result.DueAt is { } due ? $", vence {context.Local(due)}" : "");
        o.Write(m.StoppedAt is { } stop && stop <= context.Now ? $", parado em {context.Local(stop)}" : "");
        o.WriteLine($".{pauses}</figcaption></figure>");
    }

    private static string Time(DateTimeOffset at, ReportContext context) =>
        $"""<time datetime="{TimeZoneInfo.ConvertTime(at, context.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}">{context.Local(at)}</time>""";

    private static string PartName(string part) => part switch
    {
        ClockBar.ElapsedPart => "decorrido",
        ClockBar.PausedPart => "pausado",
        ClockBar.OverduePart => "atrasado",
        _ => "restante",
    };

    /// <summary>Working time as explain writes it: 2h05, 45 min; days of 24 h beyond two days as "3d 4h10".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 48 ? $"{(int)span.TotalDays}d {span.Hours}h{span.Minutes:00}"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}"
        : $"{(int)span.TotalMinutes} min";
}
