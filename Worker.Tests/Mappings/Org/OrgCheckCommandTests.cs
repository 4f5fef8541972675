using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Mappings.Org;

/// <summary><c>validate-mappings --org</c> against the emulator serving the sample org, with problems an admin could plant.</summary>
public sealed class OrgCheckCommandTests
{
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");

    private static string[] Command(SalesforceEmulator emulator, params string[] extra) =>
    [
        "validate-mappings", "--org", "--mappings", Mappings, $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge",
        "--Salesforce:ClientSecret=s3cr3t", .. extra,
    ];

    private static async Task<(int Exit, string[] Out, string[] Err)> RunAsync(string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await SfBridgeApp.RunAsync(args, stderr, stdout);
        return (exit, Lines(stdout), Lines(stderr));

        static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The 1-based line of the shipped file's row that starts with <paramref name="start"/>.</summary>
    private static int LineOf(string file, string start) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(Mappings, file)), l => l.StartsWith(start, StringComparison.Ordinal)) is var i and >= 0 ? i + 1
        : throw new InvalidOperationException($"{file} has no row starting {start}");

    [Fact]
    public async Task ValidateMappingsOrg_AStatusSettingNoCaseCanHave_IsNamedWithTheClosestValue()
    {
        // A pause status misspelt would leave every clock running while cases wait on the customer: false breaches.
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        var mappings = MappingsCopy.With("settings.csv", t => t.Replace("status.pause,Aguardando Cliente", "status.pause,Aguardando Clinte", StringComparison.Ordinal));

        var (exit, _, errors) = await RunAsync([.. Command(emulator).Select(a => a == Mappings ? mappings : a)]);

        Assert.Equal(3, exit);
        var line = Array.FindIndex(File.ReadAllLines(Path.Combine(mappings, "settings.csv")), l => l.StartsWith("status.pause,", StringComparison.Ordinal)) + 1;
        Assert.Contains($"settings.csv:{line}:2: [value] 'Aguardando Clinte' is not an active value of the Case Status picklist (did you mean 'Aguardando Cliente'?): " +
                        "no case would ever be read in it", errors);
    }

    [Fact]
    public async Task ValidateMappingsOrg_ATierThePicklistNamesOtherwise_IsNamedBothWays()
    {
        // The org renamed "IS" to "Imediato": PIT-01 would judge no case in either (it compares the tier field with sla_tiers.csv).
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Metadata.SetPicklist("Case", "Nivel_SLA__c", [("Imediato", true), ("Urgente", true), ("2 Horas", true), ("4 Horas", true), ("24 Horas", true),
            ("72 Horas", true), ("10 Dias", true)]);

        var (exit, _, errors) = await RunAsync(Command(emulator));

        Assert.Equal(3, exit);
        Assert.Contains($"fields.csv:{LineOf("fields.csv", "sla_tier,")}:2: [api_name] the picklist value 'Imediato' of Case.Nivel_SLA__c matches no tier of sla_tiers.csv: " +
                        "PIT-01 would not judge a case in it (add a row)", errors);
        Assert.Contains(errors, e => e.StartsWith($"sla_tiers.csv:{LineOf("sla_tiers.csv", "IS,")}:1: [tier] tier 'IS' matches no active value of the Case.Nivel_SLA__c picklist",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateMappingsOrg_ASettingOfTheWrongType_IsOneConfigurationErrorLine_NotAStackTrace()
    {
        // Reproduced: only validation failures were caught; "30s" for a duration ended the command with an unhandled exception.
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });

        var (exit, _, errors) = await RunAsync(Command(emulator, "--Salesforce:OrgCheckTimeout=30s"));

        Assert.Equal(3, exit);
        Assert.Equal(["Configuration error: Salesforce:OrgCheckTimeout must be a duration hh:mm:ss (e.g. 02:00:00; days as d.hh:mm:ss), not '30s'"], errors);
    }

    [Fact]
    public async Task ValidateMappingsOrg_PlantedProblems_AreAllReportedInOneRunWithFileLineAndColumn_InNineCountedCalls()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Metadata.RemoveField("Case", "Nivel_SLA__c");                                   // a mapped field gone
        emulator.Org.Update("005SB0000000005YAA", new JsonObject { ["IsActive"] = false });     // Zenaide Rocha left
        emulator.Org.Delete("00GSB00000000072AA");                                                // the Especialistas queue removed
        var categories = (await File.ReadAllLinesAsync(Path.Combine(Mappings, "categories.csv"))).Where(l => l.StartsWith("gso,", StringComparison.Ordinal))
            .Select(l => l.StartsWith("gso,\"", StringComparison.Ordinal) ? l[5..l.IndexOf('"', 5)] : l.Split(',')[1]).ToList();
        emulator.Metadata.SetPicklist("Case", "Categoria_Escalonamento__c",
        [
            .. categories.Where(c => c != "Não tem agenda disponível").Select(c => (c, true)),
            ("Não tem agenda disponível no momento", true),                                      // reworded in the org
            ("Reembolso de certificado", true),                                                  // new in the org
            ("Cancelamento de pedido", false),                                                   // retired: not a problem
        ]);

        var (exit, output, errors) = await RunAsync(Command(emulator));

        Assert.Equal(3, exit);
        string[] expected =
        [
            $"categories.csv:{LineOf("categories.csv", "gso,Não tem agenda")}:2: [category] category 'Não tem agenda disponível' (gso) matches no active value of the " +
            "Case.Categoria_Escalonamento__c picklist; did you mean 'Não tem agenda disponível no momento'? (add it to the aliases)",
            $"categories.csv:{LineOf("categories.csv", "gso,Não tem agenda")}:10: [aliases] the picklist value 'Não tem agenda disponível no momento' of " +
            "Case.Categoria_Escalonamento__c matches no category; closest is 'Não tem agenda disponível' (gso): add the value to its aliases if it means the same, or a row of its own",
            $"fields.csv:{LineOf("fields.csv", "escalation_category,")}:2: [api_name] the picklist value 'Reembolso de certificado' of Case.Categoria_Escalonamento__c " +
            "matches no category of categories.csv: add a row (or an alias) for it",
            $"fields.csv:{LineOf("fields.csv", "sla_tier,")}:2: [api_name] Case.Nivel_SLA__c: Case.Nivel_SLA__c does not exist, or the integration user cannot read it " +
            "(field-level security); every case query selects the mapped fields and would fail (the worker refuses to start)",
            $"mentions.csv:{LineOf("mentions.csv", "queue:Especialistas,")}:1: [key] no queue has the DeveloperName 'Especialistas'",
            $"mentions.csv:{LineOf("mentions.csv", "group:Apoio_Gestao,2,")}:3: [mention_id] the User 005SB0000000005YAA (Zenaide Rocha) is inactive: SfBridge never " +
            "mentions inactive users: the others of its level are told, or the route's next level when none of them is left",
            $"settings.csv:{LineOf("settings.csv", "pitstop.agenda_queues,")}:2: [value] no queue has the DeveloperName 'Especialistas'", // PIT-03's agenda names it too
            $"7 problems in {Mappings} against the org {emulator.BaseUrl}/",
        ];
        Assert.Equal(expected, errors);
        Assert.Equal("9 API calls: 4 describe, 5 query", output[^1]);
        Assert.Equal((4, 5, 9), (emulator.Requests.Count("describe"), emulator.Requests.Count("query"), emulator.Requests.ApiCalls));
        Assert.All(emulator.Requests.All, r => Assert.True(r.Method == "GET" || r.Endpoint == "token", $"{r.Method} {r.Path}: the check only reads"));
    }

    [Fact]
    public async Task ValidateMappingsOrg_ShippedMappingsAgainstTheSampleOrg_AreOkInNineCalls()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });

        var (exit, output, errors) = await RunAsync(Command(emulator));

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.Equal([$"the org {emulator.BaseUrl}/: OK: 23 mapped fields, 5 Case record types, 12 queues and public groups, 9 users, 2 Chatter groups, 2 accounts, " +
                      "12 escalation categories in the picklist", "9 API calls: 4 describe, 5 query"], output[^2..]);
        Assert.Equal(9, emulator.Requests.ApiCalls);
    }

    [Fact]
    public async Task ValidateMappingsOrg_CriticalMarkReadOnlyAndATextCheckbox_AndAnObjectTheUserCannotQuery_AreReported()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        emulator.Metadata.MakeReadOnly("Case", "Caso_Critico__c");
        emulator.Metadata.SetType("Case", "Validado_Gestor__c", "string");
        emulator.Metadata.HideObject("AgentWork");

        var (exit, _, errors) = await RunAsync(Command(emulator));

        Assert.Equal(3, exit);
        Assert.Equal(
        [
            "org: the integration user cannot see AgentWork, which the Omni-Channel sync reads (GSO-04, PIT-03): give it read access to AgentWork",
            $"fields.csv:{LineOf("fields.csv", "critical_mark,")}:2: [api_name] the integration user cannot edit Case.Caso_Critico__c: GSO-06 could not set the critical mark " +
            "(give it edit access to the field)",
            $"fields.csv:{LineOf("fields.csv", "manager_validation,")}:2: [api_name] Case.Validado_Gestor__c is a string field, but SfBridge reads manager_validation as a checkbox",
            $"3 problems in {Mappings} against the org {emulator.BaseUrl}/",
        ], errors);
    }

    [Fact]
    public async Task ValidateMappingsOrg_WithoutSalesforceSettings_IsAConfigurationErrorAndNoCall()
    {
        var (exit, _, errors) = await RunAsync(["validate-mappings", "--org", "--mappings", Mappings]);

        Assert.Equal(3, exit);
        Assert.Contains("Configuration error: Salesforce:LoginUrl is required (e.g. https://login.salesforce.com or the org's My Domain URL)", errors);
        Assert.All(errors, e => Assert.StartsWith("Configuration error: Salesforce:", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateMappingsOrg_OrgUnreachable_ExitsOneWithOneLineAndNoSecret()
    {
        var port = WorkerProcess.ClosedPort();

        var (exit, output, errors) = await RunAsync(["validate-mappings", "--org", "--mappings", Mappings, $"--Salesforce:LoginUrl=http://127.0.0.1:{port}",
            "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=s3cr3t-never-shown", "--Salesforce:Resilience:MaxRetries=0"]);

        Assert.Equal(1, exit);
        var line = Assert.Single(errors, e => e.StartsWith("the org ", StringComparison.Ordinal));
        Assert.StartsWith($"the org http://127.0.0.1:{port}/ could not be checked: ", line, StringComparison.Ordinal);
        Assert.Contains("NETWORK", line, StringComparison.Ordinal);
        Assert.Equal("0 API calls", output[^1]);
        Assert.DoesNotContain("s3cr3t", string.Join('\n', errors.Concat(output)), StringComparison.Ordinal);
    }
}
