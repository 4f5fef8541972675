using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SfBridge.Audit;
using SfBridge.Mappings;
using SfBridge.Snapshots;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>The sample org judged at the README's instant, as the report tests read it.</summary>
public static class ReportSample
{
    public const string Now = "2026-03-03T14:00:00-03:00";
    public const string InstanceUrl = "https://sfbridge-test.my.salesforce.com";

    public static string Mappings { get; } = Path.Combine(RepoPaths.Root, "mappings");

    /// <summary>Bidi overrides, a script, an image with a handler and an element with an id, in a case subject.</summary>
    public const string HostileSubject =
        "Boleto \u202Eodacilpud\u202C <script>document.body.dataset.pwned='1'</script>" +
        "<img src=x onerror=\"document.body.dataset.pwned='2'\"><b id=\"injected\">x</b> & \"aspas\"";

    /// <summary>The subject as the page must show it: the same characters, bidi controls dropped.</summary>
    public const string HostileSubjectShown =
        "Boleto odacilpud <script>document.body.dataset.pwned='1'</script>" +
        "<img src=x onerror=\"document.body.dataset.pwned='2'\"><b id=\"injected\">x</b> & \"aspas\"";

    /// <summary>A copy of samples/org whose case <paramref name="caseNumber"/> carries <paramref name="subject"/>.</summary>
    public static string OrgWithSubject(string caseNumber, string subject)
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-report-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var path = Path.Combine(folder, "Case.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["records"]!.AsArray().Single(r => r!["CaseNumber"]!.GetValue<string>() == caseNumber)!["Subject"] = subject;
        File.WriteAllText(path, root.ToJsonString());
        return folder;
    }

    /// <summary>The sample org judged with <paramref name="mappings"/>, and the report context of that judgement.</summary>
    public static (AuditResult Result, ReportContext Context) Judge(string? mappings = null, string? input = null)
    {
        var folder = mappings ?? Mappings;
        var policy = MappingLoader.Load(folder).Policy!;
        var now = DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture);
        var result = AuditRun.Evaluate(OrgSnapshot.Load(input ?? RepoPaths.SampleOrg), policy, now);
        return (result, new ReportContext(policy, result.Cases, result.Org, now) { Source = "samples/org", MappingsSource = folder, InstanceUrl = new Uri(InstanceUrl) });
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The width of each part of a clock bar, in percent, as its style sets it.</summary>
    public static decimal[] Widths(IElement bar) => bar.QuerySelectorAll(".part")
        .Select(p => decimal.Parse(p.GetAttribute("style")!.Replace("width:", "", StringComparison.Ordinal).TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture))
        .ToArray();
}
