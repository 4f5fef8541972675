using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// "A pendência foi resolvida" is said only of what someone did on the case. A breach that stops holding because an
/// admin switched its rule off or lengthened its target was resolved by no one; a warning whose clock pauses while the
/// case waits on the customer is on hold, and comes back when the clock runs again.
/// </summary>
public sealed class ResolutionNoteTests
{
    private const string GsoQueue = "00GSB0000000002YAA"; // mentions.csv: level 1 Rafael Lima (Analista GSO)
    private const string Rafael = "005SB0000000002YAA";
    private const string CaseId = "500SB0000007777YAA";
    private const string Resolutions = $"SELECT COUNT(*) FROM alerts WHERE case_id = '{CaseId}' AND purpose = 'resolution'";
    private const string OpenBreach = $"SELECT COUNT(*) FROM findings WHERE case_id = '{CaseId}' AND rule_id = 'PIT-01' AND cleared_at IS NULL";

    private static async Task<SyncHarness> StartAsync(string provider)
    {
        var h = await SyncHarness.StartAsync(provider: provider);
        h.Emulator.Org.Insert("User", new JsonObject { ["Id"] = Rafael, ["Name"] = "Rafael Lima", ["IsActive"] = true });
        h.Emulator.Org.Insert("Group", new JsonObject { ["Id"] = GsoQueue, ["Name"] = "GSO", ["DeveloperName"] = "GSO", ["Type"] = "Queue" });
        h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["Id"] = CaseId;
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS"; // sla_tiers.csv: 30 minutes, warning at 80% (24 minutes)
            c["OwnerId"] = GsoQueue;
        });
        return h;
    }

    private static List<string> Texts(SyncHarness h) =>
        h.Emulator.Feed(CaseId).AsEnumerable().Reverse().Select(p => p!["body"]!["text"]!.GetValue<string>()).ToList();

    public static TheoryData<string, string, string, string> MappingChanges()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            data.Add(provider, "rules.csv", "PIT-01,yes,", "PIT-01,no,"); // the rule switched off
            data.Add(provider, "sla_tiers.csv", "IS,30m,", "IS,8h,"); // the tier's target lengthened
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MappingChanges))]
    public async Task ABreachAMappingChangeEnds_IsClearedWithoutANote(string provider, string file, string from, string to)
    {
        await using var h = await StartAsync(provider);
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Contains(Texts(h), t => t.Contains("00001000", StringComparison.Ordinal)); // the breach, posted
        Assert.Equal(1, await h.ScalarAsync(OpenBreach));

        await h.Salesforce.RestartAsync(new Dictionary<string, string?>
        {
            ["Mappings:Path"] = MappingsCopy.With(file, t => t.Contains(from, StringComparison.Ordinal) ? t.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"{file} has no {from}")),
        });
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal(0, await h.ScalarAsync(OpenBreach)); // the ledger follows the rule as configured now
        Assert.Equal(0, await h.ScalarAsync(Resolutions)); // and nobody is told it was resolved
        Assert.DoesNotContain(Texts(h), t => t.Contains("resolvida", StringComparison.Ordinal) || t.Contains("Tudo certo", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AWarningPausedWhileTheCaseWaitsOnTheCustomer_IsNotSaidResolved_AndItsBreachStillComes(string provider)
    {
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        var opened = h.Salesforce.Time.GetUtcNow();
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(Texts(h)); // the warning at 80% of the 30 minutes

        // The agent answers and sets the case to wait on the customer: the clock pauses with 5 minutes left.
        var paused = opened.AddMinutes(26);
        s.FieldChange(CaseId, "Status", "Em Atendimento", "Aguardando Cliente", paused, Rafael);
        s.Update(CaseId, new JsonObject { ["Status"] = "Aguardando Cliente" });
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(Texts(h)); // on hold, not resolved
        Assert.Equal(0, await h.ScalarAsync(Resolutions));

        // The customer answers an hour later: the clock runs again, and breaches 5 minutes after.
        var resumed = opened.AddMinutes(86);
        h.Salesforce.Time.Advance(resumed - h.Salesforce.Time.GetUtcNow());
        s.FieldChange(CaseId, "Status", "Aguardando Cliente", "Em Atendimento", resumed, Rafael);
        s.Update(CaseId, new JsonObject { ["Status"] = "Em Atendimento" });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Single(Texts(h)); // the warning holds again: it was posted already
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var texts = Texts(h);
        Assert.True(texts.Count == 2, string.Join("\n---\n", texts)); // the warning, then the breach: no note between them
        Assert.Equal(0, await h.ScalarAsync(Resolutions));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABreachTheAgentEnds_GetsItsNote(string provider)
    {
        await using var h = await StartAsync(provider);
        await h.Cycle.RunOnceAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        h.Emulator.Org.Update(CaseId, new JsonObject { ["Nivel_SLA__c"] = "72 Horas" }); // the supervisor corrects the tier on the case
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal(1, await h.ScalarAsync(Resolutions));
        Assert.Matches("(A pendência do caso 00001000 foi resolvida|Tudo certo com o caso 00001000)", Texts(h)[^1]);
    }
}
