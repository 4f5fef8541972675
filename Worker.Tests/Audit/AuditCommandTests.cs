using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Rules;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

public sealed class AuditCommandTests
{
    private const string Now = "2026-03-03T14:00:00-03:00";
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(args, stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Audit_UnderAnotherLocale_WritesDatesAsEverywhere()
    {
        // Reproduced (in review): on a host set to German, "Bruno Teixeira está ausente de 02.03.2026 a 13.03.2026".
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var (exit, output, _) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings);

            Assert.Equal(0, exit);
            Assert.Contains("Bruno Teixeira está ausente de 02/03/2026 a 13/03/2026", output, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task Audit_SampleOrg_ListsFindingsOfEveryKindInTheJsonlContract()
    {
        var (exit, output, errors) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        Assert.Equal(FindingKinds.All.Order(), lines.Select(l => l["kind"]!.GetValue<string>()).Distinct().Order());
        Assert.All(lines, l =>
        {
            foreach (var field in new[] { "caseId", "caseNumber", "pack", "ruleId", "kind", "severity", "message" })
            {
                Assert.False(string.IsNullOrEmpty(l[field]?.GetValue<string>()), field);
            }

            Assert.True(l.ContainsKey("dueAt"));
            Assert.Contains(l["severity"]!.GetValue<string>(), new[] { "info", "warning", "breach", "critical" });
            Assert.All(l["mentions"]!.AsArray(), m => Assert.Matches("^(005|0F9)[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$", m!.GetValue<string>()));
        });
        Assert.Equal(RuleCatalog.Packs.Order(), lines.Select(l => l["pack"]!.GetValue<string>()).Distinct().Order());
    }

    [Fact]
    public async Task Audit_SameInputTwice_GivesTheSameOutput()
    {
        var first = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings);
        var second = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings);

        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task Audit_NowWithoutAnOffset_IsLocalTimeInTheMappingsTimeZone()
    {
        // Reproduced: "--now 2026-03-03T14:00:00" was read as 14:00 UTC, three hours early for São Paulo.
        var local = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", "2026-03-03T14:00:00", "--mappings", Mappings);
        var explicitOffset = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings);
        var utc = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", "2026-03-03T14:00:00Z", "--mappings", Mappings);

        Assert.Equal(explicitOffset.Out, local.Out);
        Assert.NotEqual(explicitOffset.Out, utc.Out);
    }

    [Fact]
    public async Task Audit_TableFormat_GroupsByPackAndSeverityWithLocalDueTimes()
    {
        var (exit, output, _) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings, "--format", "table");

        Assert.Equal(0, exit);
        Assert.StartsWith("SfBridge audit at 03/03/2026 14:00 (America/Sao_Paulo):", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("== gso ==", StringComparison.Ordinal) < output.IndexOf("== pitstop ==", StringComparison.Ordinal));
        var gso = output[output.IndexOf("== gso ==", StringComparison.Ordinal)..output.IndexOf("== pitstop ==", StringComparison.Ordinal)];
        Assert.True(gso.IndexOf("[critical]", StringComparison.Ordinal) < gso.IndexOf("[breach]", StringComparison.Ordinal));
        Assert.Contains("00001002  GSO-04      sla-breach               02/03/2026 16:00", output, StringComparison.Ordinal); // 19:00Z shown in São Paulo time
    }

    [Fact]
    public async Task Audit_TableFormat_CaseTextQuotedInADetail_CannotForgeARowOrSendTerminalCodes()
    {
        // Reproduced (in review): an order number holding a line break and escape codes printed a fake "critical" row and changed the
        // terminal's title and cleared its screen; the JSON and the Chatter text were already clean.
        var folder = Directory.CreateTempSubdirectory("sfbridge-hostile-org-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var cases = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "Case.json")))!;
        var target = cases["records"]!.AsArray().First(c => c!["CaseNumber"]!.GetValue<string>() == "00001004")!;
        target["Numero_Pedido__c"] = "4837\n    00009999  GSO-06      critical                 -                FAKE\u001b]0;pwned\u0007\u001b[2J";
        File.WriteAllText(Path.Combine(folder, "Case.json"), cases.ToJsonString());

        var (exit, output, _) = await RunAsync("audit", "--input", folder, "--now", Now, "--mappings", Mappings, "--format", "table");

        Assert.Equal(0, exit);
        Assert.Contains("4837", output, StringComparison.Ordinal); // the detail quoting it is there
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("    00009999", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_HtmlFormat_WritesOneSelfContainedPageToStandardOutput()
    {
        var (exit, output, errors) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings, "--format", "html");

        Assert.Equal((0, ""), (exit, errors));
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.EndsWith("</html>", output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("<dt>Avaliado em</dt><dd>03/03/2026 14:00 (America/Sao_Paulo)</dd>", output, StringComparison.Ordinal);
        Assert.Contains("""<span class="case">00001002</span>""", output, StringComparison.Ordinal); // no instance URL, no links
        Assert.DoesNotContain("https://", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:secret@acme.my.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com/lightning/page/home")]
    [InlineData("http://acme.my.salesforce.com")]
    [InlineData("acme.my.salesforce.com")]
    public async Task Audit_InstanceUrlThatIsNotAnOrgAddress_IsAUsageErrorThatDoesNotRepeatIt(string url)
    {
        var (exit, output, errors) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings, "--format", "html", "--instance-url", url);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("--instance-url must be the org's address, https://NAME.my.salesforce.com, without a path, query or credentials", errors.Trim());
    }

    [Fact]
    public async Task Audit_UnknownFormat_NamesTheThreeFormats()
    {
        var (exit, _, errors) = await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings, "--format", "pdf");

        Assert.Equal(2, exit);
        Assert.Contains("--format: Argument 'pdf' not recognized. Must be one of: 'jsonl' 'table' 'html'.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_BadRecords_AreQuarantinedWithTheReasonWhileOthersAreJudged()
    {
        var folder = CopySample();
        try
        {
            var path = Path.Combine(folder, "Case.json");
            var root = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
            var records = root["records"]!.AsArray();
            records[0]!["CreatedDate"] = null;
            records[1]!["ClosedDate"] = "ontem";
            records[2]!["Subject"] = new string('x', 300) + "@Marina <b>";
            records[3]!["Description"] = new string('d', 200_000);
            await File.WriteAllTextAsync(path, root.ToJsonString());

            var (exit, output, errors) = await RunAsync("audit", "--input", folder, "--now", Now, "--mappings", Mappings);

            Assert.Equal(0, exit);
            Assert.Contains("quarantined Case 500SB0000001001YAA: CreatedDate is null", errors, StringComparison.Ordinal);
            Assert.Contains("quarantined Case 500SB0000001002YAA: Field ClosedDate of Case 500SB0000001002YAA is not a datetime", errors, StringComparison.Ordinal);
            Assert.Contains("\"caseNumber\":\"00001003\"", output, StringComparison.Ordinal);
            Assert.Contains("\"caseNumber\":\"00005001\"", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Audit_BrokenJson_FailsNamingFileAndLine()
    {
        var folder = CopySample();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "User.json"), "{\n  \"totalSize\": 1,\n  \"records\": [ {\"Id\": } ]\n}");

            var (exit, _, errors) = await RunAsync("audit", "--input", folder, "--now", Now, "--mappings", Mappings);

            Assert.Equal(4, exit);
            Assert.Contains("User.json: invalid JSON at line 3", errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--input", "/nonexistent/snapshot", "--now", Now, 4, "snapshot folder does not exist")]
    [InlineData("--input", "samples/org", "--now", "amanhã", 2, "--now 'amanhã' is not an ISO-8601 instant")]
    [InlineData("--input", "samples/org", "--now", "03/04/2026 14:00", 2, "--now '03/04/2026 14:00' is not an ISO-8601 instant")] // the 3rd of April, or the 4th of March?
    [InlineData("--now", Now, "--format", "table", 2, "Option '--input' is required")]
    public async Task Audit_BadArguments_ExitNonZeroWithAClearMessage(string a, string b, string c, string d, int code, string message)
    {
        var (exit, _, errors) = await RunAsync("audit", a, b.Replace("samples/org", RepoPaths.SampleOrg, StringComparison.Ordinal), c, d, "--mappings", Mappings);

        Assert.Equal(code, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-03", "2026-03-03T03:00:00Z")] // local midnight in São Paulo
    [InlineData("2026-03-03T14:00", "2026-03-03T17:00:00Z")]
    [InlineData("2026-03-03 14:00:30", "2026-03-03T17:00:30Z")]
    [InlineData("2026-03-03T14:00:00.5-03:00", "2026-03-03T17:00:00.5Z")]
    [InlineData("2026-03-03T14:00:00Z", "2026-03-03T14:00:00Z")]
    public void Now_ReadsTheIsoForms_AsLocalTimeWithoutAnOffset(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            SfBridge.Audit.OfflineCommands.Instant(text, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")));

    [Fact]
    public async Task ValidateMappings_ShippedFiles_PrintsASummaryAndTheAssumptions()
    {
        var (exit, output, _) = await RunAsync("validate-mappings", "--mappings", Mappings);

        Assert.Equal(0, exit);
        Assert.Contains(": OK: 23 fields,", output, StringComparison.Ordinal);
        Assert.Contains("assumption SS-01: 24h read as 1 business day", output, StringComparison.Ordinal);
        Assert.Contains("assumption PIT-01 tier IS: IS has no duration in the manual; 30 minutes assumed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateMappings_MissingFolder_ExitsWithTheProblem()
    {
        var (exit, _, errors) = await RunAsync("validate-mappings", "--mappings", "/nonexistent/mappings");

        Assert.Equal(3, exit);
        Assert.Contains("/nonexistent/mappings: folder does not exist", errors, StringComparison.Ordinal);
    }

    private static string CopySample()
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-audit-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
