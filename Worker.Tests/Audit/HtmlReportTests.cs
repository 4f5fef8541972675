using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SfBridge.Audit;
using SfBridge.Rules;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>The HTML report as any HTML5 parser reads it, scripts off: complete, encoded, self-contained; and the replay page.</summary>
public sealed class HtmlReportTests
{
    private static string RenderAudit(AuditResult result, ReportContext context)
    {
        var html = new StringWriter();
        HtmlReport.RenderAudit(html, result, context);
        return html.ToString();
    }

    [Fact]
    public void RenderAudit_SampleOrg_EveryFindingIsInThePageWithoutItsScript()
    {
        var (result, context) = ReportSample.Judge();

        var page = ReportSample.Parse(RenderAudit(result, context));

        var cards = page.QuerySelectorAll("article.finding");
        Assert.Equal(result.Findings.Count, cards.Length);
        Assert.Equal(result.Findings.Select(f => (f.CaseNumber, f.RuleId, f.Kind.WireName())),
            cards.Select(a => (a.GetAttribute("data-case")!, a.GetAttribute("data-rule")!, a.GetAttribute("data-kind")!)));
        foreach (var pack in result.Findings.GroupBy(f => f.Pack))
        {
            Assert.Equal(pack.Count(), page.QuerySelectorAll($"section.pack[data-pack='{pack.Key}'] article.finding").Length);
        }

        Assert.Equal(["critical", "breach", "warning"], page.QuerySelectorAll("section.pack[data-pack='gso'] section.severity").Select(s => s.GetAttribute("data-severity")));
        Assert.True(page.QuerySelector("#filtro")!.HasAttribute("hidden")); // the filter shows only when its script runs
    }

    [Fact]
    public void RenderAudit_Page_LoadsNothingAndRunsOnlyItsOwnScript()
    {
        var (result, context) = ReportSample.Judge();

        var html = RenderAudit(result, context);
        var page = ReportSample.Parse(html);

        Assert.Empty(page.QuerySelectorAll("[src], link, iframe, object, embed, img, base"));
        Assert.All(page.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!),
            href => Assert.Matches(@"^(#pacote-[a-z-]+|https://sfbridge-test\.my\.salesforce\.com/lightning/r/Case/500[A-Za-z0-9]{15}/view)$", href));
        Assert.All(Regex.Matches(html, @"(?:https?:)?//[^\s""'<>)]+").Select(m => m.Value),
            url => Assert.StartsWith(ReportSample.InstanceUrl + "/lightning/r/Case/", url, StringComparison.Ordinal));
        var script = Assert.Single(page.Scripts);
        var policy = page.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.TextContent)))}'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderAudit_HostileSubject_IsTextWithoutBidiControls()
    {
        var org = ReportSample.OrgWithSubject("00001006", ReportSample.HostileSubject);
        try
        {
            var (result, context) = ReportSample.Judge(input: org);

            var page = ReportSample.Parse(RenderAudit(result, context));

            Assert.Null(page.GetElementById("injected"));
            Assert.Empty(page.QuerySelectorAll("img, b#injected, [onerror]"));
            Assert.Single(page.Scripts);
            var subjects = page.QuerySelectorAll("article[data-case='00001006'] .subject").Select(s => s.TextContent).Distinct().ToList();
            Assert.Equal([ReportSample.HostileSubjectShown], subjects);
            Assert.DoesNotContain(page.Body!.TextContent, c => c is '\u202E' or '\u202C');
        }
        finally
        {
            Directory.Delete(org, recursive: true);
        }
    }

    [Fact]
    public void RenderAudit_BreachedAcceptanceClock_BarSplitsTargetAndOverdueAndSaysSoInWords()
    {
        var (result, context) = ReportSample.Judge();

        var page = ReportSample.Parse(RenderAudit(result, context));

        // 00001001 waited in the Supervisor EPS queue from 09:15 to 14:00 against 2 hours: 2h in the target, 2h45 over.
        var clock = page.QuerySelector("article[data-case='00001001'][data-rule='GSO-04-EPS'] figure.clock")!;
        Assert.Equal(["elapsed", "overdue"], clock.QuerySelectorAll(".part").Select(p => p.GetAttribute("data-part")));
        Assert.Equal([42.1m, 57.9m], ReportSample.Widths(clock.QuerySelector(".bar")!));
        Assert.Contains("Atrasado 2h45", clock.TextContent, StringComparison.Ordinal);
        Assert.Contains("decorrido 4h45 de 2 horas (238%)", clock.TextContent, StringComparison.Ordinal);
        Assert.Contains("vence 03/03/2026 11:15", clock.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReplay_TwoAuditsWithDifferentRulesOff_ShowsAddedAndRemovedSideBySideWithCountsPerRule()
    {
        // The current mappings leave BIL-05 off; the proposed ones turn it on and GSO-02 off.
        var current = MappingsCopy.With("rules.csv", text => text.Replace("BIL-05,yes,", "BIL-05,no,", StringComparison.Ordinal));
        var proposed = MappingsCopy.With("rules.csv", text => text.Replace("GSO-02,yes,", "GSO-02,no,", StringComparison.Ordinal));
        try
        {
            var (before, baseline) = ReportSample.Judge(current);
            var (after, next) = ReportSample.Judge(proposed);
            var added = after.Findings.ExceptBy(before.Findings.Select(f => f.BreachKey), f => f.BreachKey).ToList();
            var removed = before.Findings.ExceptBy(after.Findings.Select(f => f.BreachKey), f => f.BreachKey).ToList();
            var html = new StringWriter();

            HtmlReport.RenderReplay(html, added, removed, next, baseline);

            var page = ReportSample.Parse(html.ToString());
            Assert.Equal(["BIL-05"], added.Select(f => f.RuleId).Distinct());
            Assert.Equal(["GSO-02"], removed.Select(f => f.RuleId).Distinct());
            var columns = page.QuerySelectorAll("main.columns > section.column");
            Assert.Equal(["added", "removed"], columns.Select(c => c.GetAttribute("data-change")));
            Assert.Equal(added.Select(f => (f.CaseNumber, f.RuleId)).Order(),
                columns[0].QuerySelectorAll("article.finding").Select(a => (a.GetAttribute("data-case")!, a.GetAttribute("data-rule")!)).Order());
            Assert.Equal(removed.Select(f => (f.CaseNumber, f.RuleId)).Order(),
                columns[1].QuerySelectorAll("article.finding").Select(a => (a.GetAttribute("data-case")!, a.GetAttribute("data-rule")!)).Order());
            Assert.Equal($"+{added.Count}", page.QuerySelector("tr[data-rule='BIL-05'] td.plus")!.TextContent);
            Assert.Equal("−0", page.QuerySelector("tr[data-rule='BIL-05'] td.minus")!.TextContent);
            Assert.Equal("+0", page.QuerySelector("tr[data-rule='GSO-02'] td.plus")!.TextContent);
            Assert.Equal($"−{removed.Count}", page.QuerySelector("tr[data-rule='GSO-02'] td.minus")!.TextContent);
            // BIL-05's clock exists only under the proposed mappings: the added side measures with them.
            Assert.NotNull(columns[0].QuerySelector("article[data-rule='BIL-05'] figure.clock"));
            Assert.Contains(current, page.QuerySelector("header.page-head")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(proposed, page.QuerySelector("header.page-head")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(current, recursive: true);
            Directory.Delete(proposed, recursive: true);
        }
    }

    [Fact]
    public void RenderReplay_NoChange_SaysSoInBothColumns()
    {
        var (_, context) = ReportSample.Judge();
        var html = new StringWriter();

        HtmlReport.RenderReplay(html, [], [], context, context);

        var page = ReportSample.Parse(html.ToString());
        Assert.Empty(page.QuerySelectorAll("article.finding"));
        Assert.Equal(3, page.QuerySelectorAll(".empty").Length);
    }

    [Fact]
    public void ReportLabels_EveryRulePackAndKind_HasAPortugueseName()
    {
        Assert.All(RuleCatalog.Rules.Keys, id => Assert.True(ReportLabels.HasRule(id), id));
        Assert.All(RuleCatalog.Packs, pack => Assert.NotEqual(pack, ReportLabels.Pack(pack)));
        Assert.All(Enum.GetValues<FindingKind>(), kind => Assert.False(string.IsNullOrEmpty(ReportLabels.Kind(kind))));
    }
}
