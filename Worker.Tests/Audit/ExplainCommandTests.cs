using System.Text.Json.Nodes;
using SfBridge.Audit;
using SfBridge.Hosting;
using SfBridge.State;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Audit;

/// <summary>
/// explain answers "why did (or didn't) I get this alert?" from the command alone: for each rule of the case's pack
/// the verdict, the reason and the clocks, offline on a snapshot and on the worker's own state with its ledger history.
/// </summary>
public sealed class ExplainCommandTests
{
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(args, stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("explain", "--case", "00001002")]
    [InlineData("replay", "--mappings", "mappings")]
    public async Task ASettingOfTheWrongType_IsOneConfigurationErrorLine_NotAStackTrace(string command, string option, string value)
    {
        // Reproduced: the State settings were read with no guard, and "30d" for a duration ended the command with an unhandled
        // exception and the runtime's crash code.
        var (exit, output, errors) = await RunAsync(command, option, value == "mappings" ? Mappings : value, "--state", "--State:RunsRetention=30d");

        Assert.Equal(3, exit);
        Assert.Equal("", output);
        Assert.Equal("Configuration error: State:RunsRetention must be a duration hh:mm:ss (e.g. 02:00:00; days as d.hh:mm:ss), not '30d'", errors.Trim());
    }

    [Fact]
    public async Task AStateDatabaseThatCannotBeReached_IsSaidSo_NotCalledMissing()
    {
        // Reproduced: every error of the database, a refused connection included, read as schema version 0, and the command
        // advised to "start the worker once".
        var (exit, output, errors) = await RunAsync("explain", "--case", "00001002", "--state", "--mappings", Mappings, "--State:Provider=postgres",
            "--State:ConnectionString=Host=127.0.0.1;Port=1;Username=sfbridge;Password=hunter2;Database=sfbridge;Timeout=2");

        Assert.Equal((4, ""), (exit, output));
        Assert.Contains("cannot be used", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("start the worker once", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Fact]
    public async Task OnTheSampleOrg_SaysForEachRuleWhetherItFiredAndWhy_WithItsClock()
    {
        var (exit, output, errors) = await RunAsync("explain", "--case", "00001002", "--input", RepoPaths.SampleOrg, "--now", "2026-03-03T14:00:00", "--mappings", Mappings);

        Assert.Equal((0, ""), (exit, errors));
        var lines = output.Split('\n');
        Assert.StartsWith("Caso 00001002 (500SB0000001002YAA)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("GSO-04      fired           aguardando aceite no Omni-Channel na fila GSO desde 02/03/2026 15:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("relógio: calendário gso, início 02/03/2026 15:00, pausas nenhuma, parada -, alvo 1 hora, vence 02/03/2026 16:00, decorrido 9h00 (900% do alvo)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GSO-04-EPS  ok              cumprido em 02/03/2026 15:00, dentro do prazo de 2 horas", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GSO-05      not-applicable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LongSubject_IsCutBetweenGraphemes_NeverInsideAnEmoji()
    {
        // Reproduced: the 120-character cut took the first half of an emoji and the line showed U+FFFD.
        var (exit, output, _) = await ExplainEditedAsync(c => c["Subject"] = new string('a', 118) + "😀😀😀");

        Assert.Equal(0, exit);
        Assert.Equal($"Caso 00001002 (500SB0000001002YAA) — {new string('a', 118)}😀…", output.Split('\n')[0]); // 120 text elements
    }

    /// <summary>explain of case 00001002 at 03/03/2026 14:00 on a copy of the sample org whose record of it <paramref name="edit"/> changed.</summary>
    private static async Task<(int Exit, string Out, string Err)> ExplainEditedAsync(Action<JsonNode> edit)
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-explain-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var cases = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "Case.json")))!;
            edit(cases["records"]!.AsArray().Single(c => c!["CaseNumber"]!.GetValue<string>() == "00001002")!);
            await File.WriteAllTextAsync(Path.Combine(folder, "Case.json"), cases.ToJsonString());
            return await RunAsync("explain", "--case", "00001002", "--input", folder, "--now", "2026-03-03T14:00:00", "--mappings", Mappings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Json_PrintsOneObjectPerRule_WithTheClockContract()
    {
        var (exit, output, _) = await RunAsync("explain", "--case", "500SB0000001002YAA", "--input", RepoPaths.SampleOrg, "--now", "2026-03-03T14:00:00-03:00",
            "--mappings", Mappings, "--format", "json");

        Assert.Equal(0, exit);
        var rules = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["GSO-01", "GSO-02", "GSO-03", "GSO-04", "GSO-04-EPS", "GSO-05", "GSO-06", "GSO-07", "GSO-08", "GSO-09", "SS-06"], rules.Select(r => r["ruleId"]!.GetValue<string>()));
        Assert.All(rules, r => Assert.Contains(r["verdict"]!.GetValue<string>(), new[] { "fired", "ok", "not-applicable", "waiting" }));
        var clock = rules.Single(r => r["ruleId"]!.GetValue<string>() == "GSO-04")["clock"]!.AsObject();
        Assert.Equal("gso", clock["calendar"]!.GetValue<string>());
        Assert.Equal("2026-03-02T15:00:00-03:00", clock["startedAt"]!.GetValue<string>());
        Assert.Equal("2026-03-02T16:00:00-03:00", clock["dueAt"]!.GetValue<string>());
        Assert.Equal("1 hora", clock["target"]!.GetValue<string>());
        Assert.Equal(9.0, clock["share"]!.GetValue<double>());
        Assert.Empty(clock["pauses"]!.AsArray());
    }

    [Fact]
    public async Task OnTheWorkersState_ItWaitsForGar_AndShowsEachFindingsHistory()
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg }, new Dictionary<string, string?> { ["Alerts:MaxPostsPerCase"] = "20" });
        h.Salesforce.Time.Advance(new DateTimeOffset(2026, 3, 3, 14, 0, 0, TimeSpan.FromHours(-3)) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // no GAR configured: GSO-05 waits
        var state = new StateOptions { ConnectionString = h.Store is SqliteStateStore ? StateConnection(h) : null };
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ExplainCommand.RunAsync(new Dictionary<string, string> { ["case"] = "00001001", ["state"] = "true", ["mappings"] = Mappings },
            Mappings, state, h.Salesforce.Time, stdout, stderr);

        Assert.Equal((0, ""), (exit, stderr.ToString()));
        var text = stdout.ToString();
        Assert.Contains("GSO-05      waiting         o GAR não respondeu ou não está configurado", text, StringComparison.Ordinal);
        Assert.Contains("GSO-04-EPS  fired", text, StringComparison.Ordinal);
        Assert.Contains("Histórico no ledger:", text, StringComparison.Ordinal);
        var reference = (string)(await h.Store.QueryAsync("SELECT reference FROM alerts WHERE case_id = '500SB0000001001YAA' AND rule_id = 'GSO-04-EPS'", default))[0][0]!;
        Assert.Contains($"[{reference}] alerta: publicado em 03/03/2026 14:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnTheWorkersState_SaysABaselineAlertIsNeverPosted_AndARefusedOnePastItsAttemptsIsTriedHourly()
    {
        // Reproduced: an alert of the first start's baseline read "na fila de envio" (it is never posted), and one refused
        // Alerts:MaxAttempts times still read "nova tentativa na próxima execução".
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCase"] = "20", ["Alerts:FirstStartBaseline"] = "true" });
        h.Salesforce.Time.Advance(new DateTimeOffset(2026, 3, 3, 14, 0, 0, TimeSpan.FromHours(-3)) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the first start: what the sample org already held is the baseline
        var reference = (string)(await h.Store.QueryAsync("SELECT reference FROM alerts WHERE case_id = '500SB0000001001YAA' AND state = 'baseline'", default))[0][0]!;
        var state = new StateOptions { ConnectionString = h.Store is SqliteStateStore ? StateConnection(h) : null };

        async Task<string> Explain(int maxAttempts)
        {
            var stdout = new StringWriter();
            Assert.Equal(0, await ExplainCommand.RunAsync(new Dictionary<string, string> { ["case"] = "00001001", ["state"] = "true", ["mappings"] = Mappings },
                Mappings, state, h.Salesforce.Time, stdout, new StringWriter(), maxAttempts));
            return stdout.ToString();
        }

        var asBaseline = await Explain(maxAttempts: 5);
        await h.Store.QueryAsync($"UPDATE alerts SET state = 'failed', attempts = 3 WHERE reference = '{reference}'", default); // as an alert refused three times is kept
        var givenUp = await Explain(maxAttempts: 3);
        var retried = await Explain(maxAttempts: 5);

        Assert.Contains($"[{reference}] alerta: já existia no primeiro início do SfBridge: registrado, nunca publicado", asBaseline, StringComparison.Ordinal);
        Assert.Contains($"[{reference}] alerta: recusado pelo Chatter 3 vezes; nova tentativa a cada hora enquanto a pendência estiver aberta (Alerts:MaxAttempts)", givenUp, StringComparison.Ordinal);
        Assert.Contains($"[{reference}] alerta: recusado pelo Chatter; nova tentativa em breve (Alerts:RetryBackoff)", retried, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWantedCaseThatCannotBeRead_SaysWhy_NotThatItIsMissing()
    {
        // Reproduced: a case record that fails to read was dropped, and explain said it was not in Case.json.
        var (exit, output, errors) = await ExplainEditedAsync(c => c["CreatedDate"] = "ontem");

        Assert.Equal((4, ""), (exit, output));
        Assert.StartsWith("case 00001002 is in the snapshot's Case.json but cannot be judged: ", errors.Trim(), StringComparison.Ordinal);
        Assert.Contains("CreatedDate", errors, StringComparison.Ordinal);
    }

    private static string StateConnection(SyncHarness h) =>
        h.Salesforce.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<StateOptions>)) is Microsoft.Extensions.Options.IOptions<StateOptions> o ? o.Value.ConnectionString! : "";

    [Theory]
    [InlineData(2, "Option '--case' is required", "explain", "--input", "samples/org")]
    [InlineData(2, "exactly one of --input DIR", "explain", "--case", "00001002")]
    [InlineData(2, "exactly one of --input DIR", "explain", "--case", "00001002", "--input", "samples/org", "--state")]
    [InlineData(5, "is not in the snapshot", "explain", "--case", "09999999", "--input", "samples/org")]
    public async Task BadArguments_AreOneClearLine(int code, string message, params string[] args)
    {
        var (exit, _, errors) = await RunAsync([.. args.Select(a => a == "samples/org" ? RepoPaths.SampleOrg : a), "--mappings", Mappings]);

        Assert.Equal(code, exit);
        Assert.Contains(message, errors.Split('\n')[0], StringComparison.Ordinal);
    }
}
