using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SfBridge.Audit;
using SfBridge.Hosting;
using SfBridge.State;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Audit;

/// <summary>
/// replay shows what a mappings change would do before it is applied: the findings that appear and disappear on the
/// same cases at the same instant, checked against two independent audits, and on the worker's own state without
/// writing to it.
/// </summary>
public sealed class ReplayCommandTests : IDisposable
{
    private const string Now = "2026-03-03T14:00:00-03:00";
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");

    /// <summary>GSO-04's acceptance target from 1 hour to 6 business hours, and GSO-02 (escalation fields and comments) turned off.</summary>
    private readonly string _changed = MappingsCopy.With("rules.csv", rules =>
    {
        var edited = rules.Replace("\nGSO-04,yes,1h,gso,", "\nGSO-04,yes,6h,gso,", StringComparison.Ordinal).Replace("\nGSO-02,yes,", "\nGSO-02,no,", StringComparison.Ordinal);
        Assert.NotEqual(rules, edited);
        return edited;
    });

    public void Dispose() => Directory.Delete(_changed, recursive: true);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(args, stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static List<JsonObject> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static string Text(JsonObject line, string field) => line[field]!.GetValue<string>();

    [Fact]
    public async Task HtmlFormat_ShowsTheAddedAndRemovedFindingsSideBySide()
    {
        var jsonl = JsonLines((await RunAsync("replay", "--mappings", _changed, "--baseline", Mappings, "--input", RepoPaths.SampleOrg, "--now", Now, "--format", "jsonl")).Out);

        var (exit, output, errors) = await RunAsync("replay", "--mappings", _changed, "--baseline", Mappings, "--input", RepoPaths.SampleOrg, "--now", Now, "--format", "html");

        Assert.Equal((0, ""), (exit, errors));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(output);
        var columns = page.QuerySelectorAll("main.columns > section.column");
        Assert.Equal(["added", "removed"], columns.Select(c => c.GetAttribute("data-change")));
        foreach (var (column, change) in new[] { (columns[0], "added"), (columns[1], "removed") })
        {
            Assert.Equal(jsonl.Where(l => Text(l, "change") == change).Select(l => (Text(l, "caseNumber"), Text(l, "ruleId"))).Order(),
                column.QuerySelectorAll("article.finding").Select(a => (a.GetAttribute("data-case")!, a.GetAttribute("data-rule")!)).Order());
        }

        Assert.Empty(page.QuerySelectorAll("[src]")); // one self-contained page
    }

    [Fact]
    public async Task OnTheSampleOrg_AddsAndRemovesExactlyWhatTwoAuditsDisagreeOn()
    {
        var baseline = JsonLines((await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", Mappings)).Out)
            .ToDictionary(l => Text(l, "breachKey"));
        var changed = JsonLines((await RunAsync("audit", "--input", RepoPaths.SampleOrg, "--now", Now, "--mappings", _changed)).Out)
            .ToDictionary(l => Text(l, "breachKey"));

        var (exit, output, errors) = await RunAsync("replay", "--mappings", _changed, "--baseline", Mappings, "--input", RepoPaths.SampleOrg, "--now", Now, "--format", "jsonl");

        Assert.Equal((0, ""), (exit, errors));
        var lines = JsonLines(output);
        var added = lines.Where(l => Text(l, "change") == "added").ToList();
        var removed = lines.Where(l => Text(l, "change") == "removed").ToList();
        Assert.Equal(changed.Keys.Except(baseline.Keys).Order(), added.Select(l => Text(l, "breachKey")).Order());
        Assert.Equal(baseline.Keys.Except(changed.Keys).Order(), removed.Select(l => Text(l, "breachKey")).Order());
        Assert.All(added, l => Assert.Equal(changed[Text(l, "breachKey")].ToJsonString(), Without(l, "change")));
        Assert.All(removed, l => Assert.Equal(baseline[Text(l, "breachKey")].ToJsonString(), Without(l, "change")));

        // What the change means on the sample org: all 8 GSO-02 findings go; GSO-04 no longer breaches on 00001004 (1h25 of 6h)
        // and only warns on 00001007 (5h30 of 6h); 00001002 (9h) still breaches, due later.
        Assert.Equal(
            ["00001002 GSO-02", "00001002 GSO-02", "00001003 GSO-02", "00001003 GSO-02", "00001004 GSO-02", "00001004 GSO-02", "00001004 GSO-04", "00001005 GSO-02",
                "00001006 GSO-02", "00001007 GSO-04"],
            removed.Select(l => $"{Text(l, "caseNumber")} {Text(l, "ruleId")}").Order());
        var warning = Assert.Single(added);
        Assert.Equal(("00001007", "GSO-04", "sla-warning", "GSO-04|500SB0000001007YAA|20260303T113000:warn"),
            (Text(warning, "caseNumber"), Text(warning, "ruleId"), Text(warning, "kind"), Text(warning, "breachKey")));
        var later = Assert.Single(lines, l => Text(l, "change") == "changed");
        Assert.Equal(("00001002", "GSO-04", "2026-03-02T19:00:00Z", "2026-03-03T14:00:00Z"),
            (Text(later, "caseNumber"), Text(later, "ruleId"), later["before"]!["dueAt"]!.GetValue<string>(), Text(later, "dueAt")));
    }

    [Fact]
    public async Task Text_ShowsEachChangeWithCaseRuleAndMessage_ThenCountsPerRule()
    {
        var (exit, output, _) = await RunAsync("replay", "--mappings", _changed, "--input", RepoPaths.SampleOrg, "--now", Now, $"--Mappings:Path={Mappings}");

        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"SfBridge replay at 03/03/2026 14:00 (America/Sao_Paulo): 26 cases judged with {_changed} against {Mappings}: 1 added, 10 removed, 1 changed", lines[0]);
        Assert.Equal(10, lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Contains("+ 00001007  GSO-04      warning  sla-warning              Boa tarde! O caso 00001007 (Pedido 48377002 aguardando verificação) vence em 03/03/2026 14:30; " +
                        "aguardando aceite no Omni-Channel na fila GSO desde 03/03/2026 08:30.", lines);
        Assert.Contains("~ 00001002  GSO-04      breach   sla-breach               due 02/03/2026 16:00 → 03/03/2026 11:00", lines);
        Assert.True(lines.IndexOf(lines.Single(l => l.StartsWith("- 00001007", StringComparison.Ordinal))) < lines.IndexOf(lines.Single(l => l.StartsWith("+ 00001007", StringComparison.Ordinal))));
        Assert.Equal(["Rule          added removed changed", "GSO-02            0       8       0", "GSO-04            1       2       1"], lines[^4..^1]);
    }

    [Fact]
    public async Task SameMappingsOnBothSides_ChangesNothing()
    {
        var (exit, output, _) = await RunAsync("replay", "--mappings", Mappings, "--baseline", Mappings, "--input", RepoPaths.SampleOrg, "--now", Now);

        Assert.Equal(0, exit);
        Assert.EndsWith("0 added, 0 removed, 0 changed\nNo finding appears, disappears or changes.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MappingsThatDoNotValidate_AreBadInput_EachProblemWithFileAndLine()
    {
        var broken = MappingsCopy.With("rules.csv", rules => rules.Replace("\nPIT-02,yes,", "\nPIT-02,talvez,", StringComparison.Ordinal));
        try
        {
            var (exit, output, errors) = await RunAsync("replay", "--mappings", broken, "--baseline", Mappings, "--input", RepoPaths.SampleOrg, "--now", Now);

            Assert.Equal(OfflineCommands.InputInvalid, exit);
            Assert.Equal("", output);
            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Matches(@"^rules\.csv:\d+:\d+: \[enabled\] 'talvez'", lines[0]);
            Assert.StartsWith($"1 problems in {broken};", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public async Task ASnapshotWithoutCases_IsBadInput()
    {
        var (exit, _, errors) = await RunAsync("replay", "--mappings", _changed, "--baseline", Mappings, "--input", _changed, "--now", Now);

        Assert.Equal(OfflineCommands.InputInvalid, exit);
        Assert.Contains("Case.json: missing", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStateDatabase_IsBadInput_AndNoFileIsCreated()
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-replay-").FullName;
        var database = Path.Combine(folder, "none", "state.db");
        try
        {
            var (exit, _, errors) = await RunAsync("replay", "--mappings", _changed, "--baseline", Mappings, "--state", $"--State:ConnectionString=Data Source={database}");

            Assert.Equal(OfflineCommands.InputInvalid, exit);
            Assert.Equal($"no SfBridge state database at State:ConnectionString ({database}): start the worker once, or give --input DIR", errors.Trim());
            Assert.False(Directory.Exists(Path.GetDirectoryName(database)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task OnTheWorkersState_ShowsTheChangeOnTheTrackedCases_AndWritesNothing(string provider)
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg }, provider: provider);
        h.Salesforce.Time.Advance(DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture) - h.Salesforce.Time.GetUtcNow());
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the worker's judgement with the shipped mappings, in its ledger
        var state = h.Salesforce.Services.GetRequiredService<IOptions<StateOptions>>().Value;
        var contents = await ContentsAsync(h.Store, provider);
        var file = provider == "sqlite" ? await FileHashAsync(state) : null;
        var openGso02 = (await h.Store.QueryAsync("SELECT breach_key FROM findings WHERE rule_id = 'GSO-02' AND cleared_at IS NULL", default)).Select(r => (string)r[0]!).ToList();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ReplayCommand.RunAsync(new Dictionary<string, string> { ["mappings"] = _changed, ["state"] = "true", ["format"] = "jsonl" },
            Mappings, state, h.Salesforce.Time, stdout, stderr);

        Assert.Equal((0, ""), (exit, stderr.ToString()));
        var lines = JsonLines(stdout.ToString());
        var removed = lines.Where(l => Text(l, "change") == "removed").ToList();
        Assert.NotEmpty(openGso02);
        Assert.Equal(openGso02.Order(), removed.Where(l => Text(l, "ruleId") == "GSO-02").Select(l => Text(l, "breachKey")).Order()); // every GSO-02 finding the worker holds goes
        Assert.Equal(["00001004", "00001007"], removed.Where(l => Text(l, "ruleId") == "GSO-04").Select(l => Text(l, "caseNumber")).Order());
        Assert.Equal(["00001007 GSO-04 sla-warning added"], lines.Where(l => Text(l, "change") == "added").Select(l => $"{Text(l, "caseNumber")} {Text(l, "ruleId")} {Text(l, "kind")} added"));
        Assert.All(lines, l => Assert.Contains(Text(l, "ruleId"), new[] { "GSO-02", "GSO-04" }));
        Assert.Equal(contents, await ContentsAsync(h.Store, provider)); // every row of every table as it was
        if (file is not null)
        {
            Assert.Equal(file, await FileHashAsync(state));
        }
    }

    /// <summary>Every row of every table of the state database, as text.</summary>
    private static async Task<List<string>> ContentsAsync(AdoStateStore store, string provider)
    {
        var tables = await store.QueryAsync(provider == "postgres"
            ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", default);
        var contents = new List<string>();
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            var rows = (await store.QueryAsync($"SELECT * FROM {table}", default)).Select(r => table + ": " + string.Join(" | ", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            contents.AddRange(rows.Order(StringComparer.Ordinal));
        }

        Assert.Contains(contents, c => c.StartsWith("findings: ", StringComparison.Ordinal));
        return contents;
    }

    /// <summary>The SQLite file and its write-ahead log, byte for byte.</summary>
    private static async Task<string> FileHashAsync(StateOptions state)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(state.ConnectionString).DataSource;
        var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        return File.Exists(path + "-wal") ? hash + Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path + "-wal"))) : hash;
    }

    private static string Without(JsonObject line, string field)
    {
        var copy = line.DeepClone().AsObject();
        copy.Remove(field);
        return copy.ToJsonString();
    }
}
