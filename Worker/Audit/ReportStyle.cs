using System.Security.Cryptography;
using System.Text;

namespace SfBridge.Audit;

/// <summary>
/// The report page's inline style and its one small script (a text filter that the page does not need to be read).
/// Nothing is fetched: the Content-Security-Policy forbids every load and allows only this script, by its hash, so
/// even text that slipped past the encoder could not run or call out.
/// </summary>
internal static class ReportStyle
{
    public const string Script =
        "(function(){var box=document.getElementById('filtro');if(!box)return;box.hidden=false;" +
        "var input=box.querySelector('input'),out=box.querySelector('output'),items=[].slice.call(document.querySelectorAll('article.finding'));" +
        "input.addEventListener('input',function(){var q=input.value.trim().toLowerCase(),n=0;" +
        "items.forEach(function(a){var show=!q||a.textContent.toLowerCase().indexOf(q)>=0;a.hidden=!show;if(show)n++;});" +
        "out.textContent=q?n+' de '+items.length:'';});})();";

    public static string ContentSecurityPolicy { get; } =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; script-src 'sha256-" +
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script))) + "'";

    public const string Css =
        """
        :root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--paper:#fff;--ground:#f3f5f8;
          --critical:#7a1020;--breach:#c62828;--warning:#b45f06;--info:#1d5fb8;
          --elapsed:#2f6fd0;--paused:#9aa5b1;--remaining:#e3e8ef;--overdue:#d32f2f}
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        body{margin:0;background:var(--ground);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif}
        .page{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
        .page-head{border-bottom:3px solid var(--ink);padding-bottom:14px;margin-bottom:18px}
        .page-head h1{margin:0 0 10px;font-size:24px;letter-spacing:-.01em}
        .page-head h1 small{font-weight:400;color:var(--muted);font-size:15px;margin-left:8px}
        .meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0}
        .meta div{display:flex;gap:6px}
        .meta dt{color:var(--muted)}
        .meta dd{margin:0;font-weight:600}
        .summary{display:grid;grid-template-columns:minmax(210px,.8fr) 1.9fr 1fr;gap:16px;margin-bottom:22px}
        .box{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:12px 14px}
        .box h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 8px}
        .tiles{display:grid;grid-template-columns:1fr 1fr;gap:8px}
        .tile{border-radius:5px;padding:8px 10px;color:#fff}
        .tile b{display:block;font-size:24px;line-height:1.1}
        .tile.sev-critical{background:var(--critical)}.tile.sev-breach{background:var(--breach)}
        .tile.sev-warning{background:var(--warning)}.tile.sev-info{background:var(--info)}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line)}
        th{color:var(--muted);font-weight:600}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .by-pack td:first-child{white-space:nowrap}
        .tiles+p{margin:10px 0 0;color:var(--muted)}
        tr.total td{font-weight:700;border-bottom:0}
        nav.packs{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 16px}
        nav.packs a{background:var(--paper);border:1px solid var(--line);border-radius:14px;padding:3px 12px;color:var(--ink);text-decoration:none}
        #filtro{margin:0 0 16px;display:flex;gap:10px;align-items:center}
        #filtro input{flex:0 1 360px;padding:6px 10px;border:1px solid var(--line);border-radius:5px;font:inherit}
        #filtro output{color:var(--muted)}
        section.pack{margin-bottom:26px}
        section.pack>h2{font-size:19px;margin:0 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
        .count{display:inline-block;min-width:26px;padding:0 8px;margin-left:6px;border-radius:12px;background:var(--ink);color:#fff;font-size:13px;text-align:center;vertical-align:2px}
        h3.sev{font-size:14px;margin:14px 0 8px;text-transform:uppercase;letter-spacing:.04em}
        h3.sev-critical{color:var(--critical)}h3.sev-breach{color:var(--breach)}h3.sev-warning{color:var(--warning)}h3.sev-info{color:var(--info)}
        article.finding{background:var(--paper);border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:5px;padding:10px 14px;margin-bottom:8px;break-inside:avoid}
        article.sev-critical{border-left-color:var(--critical)}article.sev-breach{border-left-color:var(--breach)}
        article.sev-warning{border-left-color:var(--warning)}article.sev-info{border-left-color:var(--info)}
        .f-head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
        .case{font-weight:700;font-variant-numeric:tabular-nums;font-size:15px}
        a.case{color:var(--info)}
        .subject{font-weight:600;overflow-wrap:anywhere}
        .sev-label{margin-left:auto;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:1px 8px;border-radius:10px;color:#fff;background:var(--muted)}
        .sev-critical .sev-label{background:var(--critical)}.sev-breach .sev-label{background:var(--breach)}
        .sev-warning .sev-label{background:var(--warning)}.sev-info .sev-label{background:var(--info)}
        .f-rule{margin:3px 0 6px;color:var(--muted)}
        .f-rule code{font:600 12px/1 ui-monospace,"DejaVu Sans Mono",monospace;color:var(--ink);background:var(--ground);border:1px solid var(--line);border-radius:3px;padding:2px 5px}
        .message{margin:0 0 8px;padding:6px 10px;background:#f7f9fb;border-left:3px solid var(--line);white-space:pre-line;overflow-wrap:anywhere}
        .f-meta{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0;font-size:13px}
        .f-meta div{display:flex;gap:6px}
        .f-meta dt{color:var(--muted)}
        .f-meta dd{margin:0}
        figure.clock{margin:8px 0 0}
        .bar{display:flex;height:12px;border-radius:3px;overflow:hidden;background:var(--remaining);border:1px solid var(--line);print-color-adjust:exact;-webkit-print-color-adjust:exact}
        .bar .part{display:block;height:100%}
        .part.elapsed{background:var(--elapsed)}
        .part.paused{background:repeating-linear-gradient(45deg,var(--paused) 0 4px,#c3cad3 4px 8px)}
        .part.remaining{background:var(--remaining)}
        .part.overdue{background:var(--overdue)}
        figure.clock figcaption{font-size:12px;color:var(--muted);margin-top:3px}
        .key{display:inline-block;width:9px;height:9px;border-radius:2px;margin:0 3px 0 10px;vertical-align:0}
        .key.elapsed{background:var(--elapsed)}.key.paused{background:var(--paused)}.key.remaining{background:var(--remaining);border:1px solid var(--line)}.key.overdue{background:var(--overdue)}
        .empty{color:var(--muted);font-style:italic}
        .columns{display:grid;grid-template-columns:1fr 1fr;gap:18px;align-items:start}
        .columns>section>h2{font-size:18px;margin:0 0 10px}
        .change-added{border-top:3px solid #2e7d32}.change-removed{border-top:3px solid var(--muted)}
        td.plus{color:#2e7d32}td.minus{color:var(--breach)}
        footer{margin-top:30px;color:var(--muted);font-size:12px}
        @media (max-width:900px){.summary,.columns{grid-template-columns:1fr}}
        @media print{
          body{background:#fff;font-size:10.5pt}
          .page{max-width:none;padding:0}
          #filtro,nav.packs{display:none!important}
          .box,article.finding{border-color:#bbb}
          a.case{color:inherit;text-decoration:none}
          section.pack>h2{break-after:avoid}
          h3.sev{break-after:avoid}
          .summary{break-inside:avoid}
          .tile,.sev-label,.count{print-color-adjust:exact;-webkit-print-color-adjust:exact}
        }
        """;
}
