using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>
/// <c>audit --format html</c> of the sample org, opened in a real headless Chromium: what the browser builds from the page
/// (after layout and the page's own script, under its Content-Security-Policy) is read back and compared with the jsonl
/// audit of the same snapshot.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(args, stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [ToolFact(HeadlessChromium.Program)]
    public async Task AuditHtml_OpenedInChromium_ShowsEveryFindingOfTheJsonlAuditAndNothingInjected()
    {
        var org = ReportSample.OrgWithSubject("00001006", ReportSample.HostileSubject);
        var page = Path.Combine(org, "report.html");
        try
        {
            var jsonl = await RunAsync("audit", "--input", org, "--now", ReportSample.Now, "--mappings", ReportSample.Mappings);
            var html = await RunAsync("audit", "--input", org, "--now", ReportSample.Now, "--mappings", ReportSample.Mappings,
                "--format", "html", "--instance-url", ReportSample.InstanceUrl);
            Assert.Equal((0, ""), (html.Exit, html.Err));
            await File.WriteAllTextAsync(page, html.Out);

            var dom = ReportSample.Parse(await HeadlessChromium.DumpDomAsync(page));

            var findings = jsonl.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal(findings.Count, dom.QuerySelectorAll("article.finding").Length);
            foreach (var pack in findings.GroupBy(f => f["pack"]!.GetValue<string>()))
            {
                var section = dom.QuerySelector($"section.pack[data-pack='{pack.Key}']")!;
                Assert.Equal(pack.Count(), section.QuerySelectorAll("article.finding").Length);
                Assert.Equal(pack.Count().ToString(CultureInfo.InvariantCulture), section.QuerySelector("h2 .count")!.TextContent);
                Assert.Equal(pack.Count().ToString(CultureInfo.InvariantCulture), dom.QuerySelector($".by-pack tr[data-pack='{pack.Key}'] td.total")!.TextContent);
            }

            var known = findings.Single(f => f["caseNumber"]!.GetValue<string>() == "00001002" && f["ruleId"]!.GetValue<string>() == "GSO-04");
            var card = dom.QuerySelector("article[data-case='00001002'][data-rule='GSO-04']")!;
            Assert.Equal(known["message"]!.GetValue<string>(), card.QuerySelector(".message")!.TextContent);
            Assert.Equal($"{ReportSample.InstanceUrl}/lightning/r/Case/500SB0000001002YAA/view", card.QuerySelector("a.case")!.GetAttribute("href"));

            // The hostile subject is text: no element, no handler, no script of its own ran (the body would carry data-pwned).
            Assert.Null(dom.GetElementById("injected"));
            Assert.Empty(dom.QuerySelectorAll("img, [onerror]"));
            Assert.False(dom.Body!.HasAttribute("data-pwned"));
            Assert.Equal(ReportSample.HostileSubjectShown, dom.QuerySelector("article[data-case='00001006'] .subject")!.TextContent);
            Assert.DoesNotContain(dom.Body.TextContent, c => c is '\u202E' or '\u202C');
            Assert.Contains(ChatterText.Clean(findings.First(f => f["caseNumber"]!.GetValue<string>() == "00001006")["message"]!.GetValue<string>()),
                dom.QuerySelectorAll("article[data-case='00001006'] .message").Select(m => m.TextContent));

            // 00001001 waited 4h45 of working time against 2 hours: the bar is the target, then what is overdue.
            var bar = dom.QuerySelector("article[data-case='00001001'][data-rule='GSO-04-EPS'] .bar")!;
            Assert.Equal(100m, ReportSample.Widths(bar).Sum());
            Assert.Equal(["elapsed", "overdue"], bar.QuerySelectorAll(".part").Select(p => p.GetAttribute("data-part")));
            Assert.Contains("Atrasado 2h45", bar.ParentElement!.TextContent, StringComparison.Ordinal);

            // Nothing is loaded from anywhere; the only addresses are the Salesforce records; the page's own script ran under its policy.
            Assert.Empty(dom.QuerySelectorAll("[src], link, iframe, object, embed, base"));
            Assert.All(dom.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!), href =>
                Assert.True(href.StartsWith('#') || href.StartsWith(ReportSample.InstanceUrl + "/lightning/r/Case/500", StringComparison.Ordinal), href));
            Assert.False(dom.QuerySelector("#filtro")!.HasAttribute("hidden"));
        }
        finally
        {
            Directory.Delete(org, recursive: true);
        }
    }

    [Fact]
    public void Readme_ShowsTheSampleOrgScreenshot_AndTheScreenshotIsThere()
    {
        var png = Path.Combine(RepoPaths.Root, "docs", "report-sample-org.png");

        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var header = File.ReadAllBytes(png).AsSpan(0, 24);

        Assert.Contains("](docs/report-sample-org.png)", readme, StringComparison.Ordinal);
        Assert.True(header[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(header[16..20])); // scripts/report-screenshot.sh's --window-size
    }
}
