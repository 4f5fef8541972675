using System.Text.Json;
using System.Text.Json.Nodes;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Sync;

/// <summary>
/// What the running worker must judge the way the manuals mean, shown on the service path (emulator, sync, state
/// store, sweep, outbox): closing judgements, a case keeping its pack, inactive people never mentioned, and the
/// first routing of a case remembered after Omni-Channel deletes it.
/// </summary>
public sealed class ServiceJudgementTests
{
    private static Task<SyncHarness> StartAsync(string provider = "sqlite") =>
        SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCase"] = "20" }, provider);

    private static async Task<List<(string Rule, string? Cleared)>> Ledger(SyncHarness h, string caseId) =>
        (await h.Store.QueryAsync($"SELECT rule_id, cleared_at FROM findings WHERE case_id = '{caseId}' ORDER BY rule_id", default))
        .Select(r => ((string)r[0]!, r[1] as string)).ToList();

    [Fact]
    public async Task TwoMessagesInTheSameSecond_AreTwoBreaches_AndTheSweepJudgesEveryOtherCase()
    {
        // Reproduced on a generated 100,000-case org: two off-pattern messages of one case sent in the same second got one
        // breach key, and the sweep failed for every case with "An item with the same key has already been added".
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("Faturamento", Local(2, 8), c => { c["OwnerId"] = ServicePath.Queues.Cmc; c["CreatedById"] = User(12); c["Numero_Incidente__c"] = "INC0048213"; });
        s.Comment(id, "Carlos, devemos estar retornando em instantes.", true, Local(2, 8, 5), User(12))
            .Comment(id, "Carlos, vamos estar verificando o acesso agora.", true, Local(2, 8, 5), User(12));
        var other = s.Case("PitStop", Local(2, 8), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "IS"; });

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var keys = (await h.Store.QueryAsync($"SELECT breach_key FROM findings WHERE case_id = '{id}' AND rule_id = 'BIL-04' ORDER BY breach_key", default))
            .Select(r => (string)r[0]!).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0] + "#2", keys[1]);
        Assert.Contains(("PIT-01", null), await Ledger(h, other));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ProtocolTransferredToN2WithoutExecutor_IsPostedNamingTheField_AndClearedOnceItIsFilled(string provider)
    {
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        var id = ServicePathTests.Protocol(s, Local(2, 8), c => c["Aguardando__c"] = "N2"); // transferred: the manual asks who executes it

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Contains(("PRO-01", null), await Ledger(h, id));
        var posts = h.Emulator.Feed(id).Select(p => p["body"]!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(posts, p => p.Contains("campos obrigatórios vazios: Atendente – Executor", StringComparison.Ordinal)); // the manual's en dash

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        s.Update(id, new JsonObject { ["Atendente_Executor__c"] = "Bruno Costa" });
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.DoesNotContain(await Ledger(h, id), f => f.Rule == "PRO-01" && f.Cleared is null);
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ClosedProtocol_IsJudgedOnceMoreAtItsClosedDate_ThenLeavesTheTrackedSet(string provider)
    {
        // Reproduced: the sync dropped closed cases before the sweep judged them, so PRO-01 and PRO-03 at closure never ran.
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        var id = s.Case("Protocolo", Local(2, 8), c =>
        {
            c["OwnerId"] = User(10);
            c["CreatedById"] = User(10);
            c["Supervisor__c"] = "Carlos Menezes";
            c["Ocorrencia__c"] = "Erro";
            c["Detalhamento__c"] = "Boleto não é gerado.";
            c["Meio_Contato__c"] = "Telefone";
            c["Aguardando__c"] = "Cliente";
            c["Retorno__c"] = "27/02/2026"; // a promised return nobody made: PRO-02 is open before closing
            c["AccountId"] = "001SB0000000003YAA";
        });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Contains(("PRO-02", null), await Ledger(h, id)); // open findings that closing must not call resolved
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(40));
        s.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(Local(2, 9, 35)) });

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var posts = h.Emulator.Feed(id).Select(p => p["body"]!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(posts, p => p.Contains("campos obrigatórios vazios: Resolução", StringComparison.Ordinal)); // PRO-01 at closure
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{id}'"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{id}' AND change = 'closed'"));

        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'resolution'"));

        // Someone edits the closed case afterwards: its version is recorded, it is not judged a second time.
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        s.Update(id, new JsonObject { ["Detalhamento__c"] = "Boleto não é gerado; cliente avisado." });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Equal(posts.Count, h.Emulator.Feed(id).Count); // judged once: nothing more is posted about it
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{id}'"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{id}' AND change = 'closed earlier'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ACaseClosedBeforeTheWorkerWatched_IsNotJudged_OneCreatedAndClosedBetweenRunsIs(string provider)
    {
        // Reproduced: an edit to a case closed weeks ago brought it into the incremental sync, and its closing judgement
        // accused it of what it did long before the worker was watching.
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the watermark is set: later runs are incremental
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        void Closed(JsonObject c, DateTimeOffset closedAt)
        {
            c["OwnerId"] = User(10);
            c["CreatedById"] = User(10);
            c["IsClosed"] = true;
            c["Status"] = "Fechado";
            c["ClosedDate"] = Rest(closedAt);
            c["SystemModstamp"] = Rest(h.Salesforce.Time.GetUtcNow()); // edited now
        }

        var old = s.Case("Protocolo", Local(20, 9, month: 2), c => Closed(c, Local(23, 15, month: 2)));
        var fresh = s.Case("Protocolo", Local(2, 9, 2), c => Closed(c, Local(2, 9, 8)));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Empty(h.Emulator.Feed(old));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{old}'"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{old}' AND change = 'closed earlier'"));
        var post = Assert.Single(h.Emulator.Feed(fresh))["body"]!["text"]!.GetValue<string>();
        Assert.Contains("campos obrigatórios vazios: Cliente/Empresa, Supervisor, Ocorrência, Detalhamento de ocorrência, Meio de contato, Aguardando, Retorno, Resolução.", post, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SpoiledRecords => new()
    {
        // The stored record as an older mapping left it: no creation date the rules can read. Reproduced: its findings were
        // cleared, and a "resolved" note posted.
        { "sqlite", "older mapping" }, { "postgres", "older mapping" },
        // No record beside the tracked case (they are written and removed together: none should be). Reproduced: passed over at
        // every sweep without a word.
        { "sqlite", "gone" }, { "postgres", "gone" },
        // A record that is no longer JSON. Reproduced: logged as case "?".
        { "sqlite", "not JSON" }, { "postgres", "not JSON" },
    };

    [Theory]
    [MemberData(nameof(SpoiledRecords))]
    public async Task ACaseTheSweepCannotJudge_IsNamedInTheLog_AndKeepsItsOpenFindings_WithoutAResolutionNote(string provider, string spoiled)
    {
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        var id = s.Case("PitStop", Local(2, 6), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "2 Horas"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Contains(("PIT-01", null), await Ledger(h, id));

        await h.Store.QueryAsync(spoiled switch
        {
            "older mapping" => $$"""UPDATE case_records SET record = replace(record, '"CreatedDate":', '"CreatedDate":null,"CreatedDateBefore":') WHERE id = '{{id}}'""",
            "gone" => $"DELETE FROM case_records WHERE id = '{id}'",
            _ => $$"""UPDATE case_records SET record = '{"Id": ' WHERE id = '{{id}}'""",
        }, default);
        await h.Store.QueryAsync($"UPDATE tracked_cases SET dirty = dirty + 1 WHERE id = '{id}'", default); // stored as a change: the sweep reads it
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Contains(("PIT-01", null), await Ledger(h, id));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'resolution'"));
        Assert.Contains(h.Salesforce.Logs.WithEventName("CaseNotJudged"), e => e.Properties["CaseId"].ToString().Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CaseAcceptedOutOfItsPacksQueue_KeepsItsPackAndItsFindings()
    {
        // Reproduced: pack membership by queue was lost the moment an agent accepted the case, clearing its findings.
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("Outro", Local(26, 9, month: 2), c => { c["OwnerId"] = Queues.SpecialService; c["AccountId"] = "001SB0000000001YAA"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Contains(("SS-01", null), await Ledger(h, id));

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        s.Update(id, new JsonObject { ["OwnerId"] = User(8) }); // Patrícia takes it; the org does not track owner history
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Contains(("SS-01", null), await Ledger(h, id));
        Assert.Equal("special-service", (await h.Store.QueryAsync($"SELECT pack FROM tracked_cases WHERE id = '{id}'", default))[0][0]);
        Assert.DoesNotContain(h.Emulator.Feed(id), p => p["body"]!["text"]!.GetValue<string>().Contains("resolvida", StringComparison.Ordinal)); // nor SS-02's warning turning into its breach
    }

    [Fact]
    public async Task InactivePeople_AreNeverMentioned_TheNextPersonOfTheRouteIs_AndTheGapIsLoggedOnce()
    {
        // Reproduced: inactive users were still @mentioned.
        await using var h = await StartAsync();
        h.Emulator.Org.Update(User(1), new JsonObject { ["IsActive"] = false }); // Marina, Supervisor EPS (mentions.csv level 1)
        h.Emulator.Org.Update(User(3), new JsonObject { ["IsActive"] = false }); // Juliana, the opening agent; her manager is Carlos Menezes
        var s = new ServicePath(h);
        var id = s.Case("GSO", Local(2, 8), c =>
        {
            c["OwnerId"] = Queues.Eps;
            c["Priority"] = "Urgente";
            c["Categoria_Escalonamento__c"] = "Cancelamento de pedido";
        });
        s.OwnerChange(id, Queues.N1Rapida, Queues.Eps, Local(2, 8, 5), User(3));

        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        var mentioned = h.Emulator.Feed(id).SelectMany(p => p["body"]!["messageSegments"]!.AsArray())
            .Where(m => m!["type"]!.GetValue<string>() == "Mention").Select(m => m!["record"]!["id"]!.GetValue<string>()).ToHashSet();
        Assert.DoesNotContain(User(1), mentioned);
        Assert.DoesNotContain(User(3), mentioned);
        Assert.Contains(User(13), mentioned); // Eduardo Santos, level 2 of queue:Supervisor_EPS
        Assert.Contains(User(4), mentioned); // Carlos Menezes, Juliana's manager
        var gaps = h.Salesforce.Logs.WithEventName("MentionGap").Select(e => e.Properties["UserId"].ToString()).ToList();
        Assert.Equal(1, gaps.Count(g => g.Contains(User(1), StringComparison.Ordinal)));
        Assert.Equal(1, gaps.Count(g => g.Contains(User(3), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GsoAcceptance_IsMeasuredFromTheFirstRouting_AfterOmniDeletedThePendingRow()
    {
        // Reproduced: only the latest Omni-Channel offer was measured, so a 1 h 45 min acceptance counted as met.
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("GSO", Local(2, 8, 30), c => { c["OwnerId"] = Queues.Gso; c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        s.Pending(id, Queues.Gso, Local(2, 8, 40));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // 09:00: waiting since 08:40, due 09:40

        // Omni offers it again at 10:00 and Rafael accepts at 10:25: the pending row is deleted, the owner changes without history.
        h.Salesforce.Time.Advance(Local(2, 10, 30) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();
        s.Accepted(id, Queues.Gso, User(2), Local(2, 10), Local(2, 10, 25));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        // One breach instance, measured from 08:40 from the wake-up at its due instant to the judgement after the late acceptance (a
        // start read from the 10:00 offer would be another instance, and would clear this one).
        var row = Assert.Single(await h.Store.QueryAsync($"SELECT kind, due_at, detail FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-04'", default));
        Assert.Equal("sla-breach", row[0]);
        Assert.Equal(Local(2, 9, 40).UtcDateTime, DateTimeOffset.Parse((string)row[1]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        Assert.Contains("roteado à fila GSO em 02/03/2026 08:40 e aceito no Omni-Channel só em 02/03/2026 10:25", (string)row[2]!, StringComparison.Ordinal); // what the rule says now
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-04' AND cleared_at IS NULL"));
        Assert.DoesNotContain(h.Emulator.Feed(id), p => p["body"]!["text"]!.GetValue<string>().Contains("resolvida", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnAcceptanceMinutesBeforeTheDeadline_SinceTheLastSync_IsReadAtTheDueInstant_AndNobodyIsAccused(string provider)
    {
        // Routed to GSO at 08:40 (due 09:40); the last cycle ran at 09:00. Rafael accepts at 09:38 after the warning: at the
        // wake-up of 09:40 the stored Omni-Channel rows still show the case pending in the queue.
        await using var h = await StartAsync(provider);
        var s = new ServicePath(h);
        var id = s.Case("GSO", Local(2, 8, 30), c => { c["OwnerId"] = Queues.Gso; c["Categoria_Escalonamento__c"] = "Não tem agenda disponível"; });
        s.Pending(id, Queues.Gso, Local(2, 8, 40));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        h.Salesforce.Time.Advance(Local(2, 9, 38) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync(); // the warning at 80% (09:28)
        s.Accepted(id, Queues.Gso, User(2), Local(2, 9, 30), Local(2, 9, 38));
        var before = h.Emulator.Requests.All.Count;

        h.Salesforce.Time.Advance(Local(2, 9, 41) - h.Salesforce.Time.GetUtcNow());
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'GSO-04' AND kind = 'sla-breach'"));
        Assert.DoesNotContain(h.Emulator.Feed(id), p => p["body"]!["text"]!.GetValue<string>().Contains("passou do prazo", StringComparison.Ordinal));
        // The case, its AgentWork and its pending routing: one query each.
        Assert.Equal(["AgentWork", "Case", "PendingServiceRouting"], h.Emulator.Requests.All.Skip(before).Where(r => r.Endpoint.StartsWith("query", StringComparison.Ordinal))
            .Select(r => r.SObject ?? "?").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WhereMessagingCounts_AnAgentsMessageInALinkedSession_IsTheFirstResponse_TheCustomersIsNot()
    {
        var mappings = Fixtures.MappingsCopy.With("settings.csv", t => t.Replace("contact.sources,email|comment|call,", "contact.sources,email|comment|call|messaging,", StringComparison.Ordinal));
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Mappings:Path"] = mappings });
        var s = new ServicePath(h);
        var answered = s.Case("SpecialService", Local(26, 9, month: 2), c => { c["OwnerId"] = User(8); c["AccountId"] = "001SB0000000001YAA"; });
        var unanswered = s.Case("SpecialService", Local(26, 9, month: 2), c => { c["OwnerId"] = User(8); c["AccountId"] = "001SB0000000001YAA"; });
        foreach (var (caseId, actor, userId) in new[] { (answered, "Agent", User(8)), (unanswered, "EndUser", (string?)null) })
        {
            var session = h.Emulator.Org.Insert("MessagingSession", new JsonObject
            {
                ["CaseId"] = caseId, ["Status"] = "Ended", ["ChannelType"] = "WhatsApp", ["SystemModstamp"] = Rest(Local(26, 11, month: 2)),
            });
            h.Emulator.Org.Insert("ConversationEntry", new JsonObject
            {
                ["ConversationId"] = session, ["ActorType"] = actor, ["ActorId"] = userId, ["EntryTime"] = Rest(Local(26, 10, month: 2)), ["Message"] = "Olá, em que posso ajudar?",
            });
        }

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.DoesNotContain("SS-01", (await Ledger(h, answered)).Select(f => f.Rule));
        Assert.Contains("SS-01", (await Ledger(h, unanswered)).Select(f => f.Rule));
        Assert.Equal(1, h.Emulator.Requests.All.Count(r => Uri.UnescapeDataString(r.Query).Contains("FROM MessagingSession", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ACallLoggedByTheTelephonyIntegration_IsTheAssignedAgentsContact()
    {
        // Reproduced: the call's author was read from CreatedById, the telephony integration (a system user), so the
        // agent's call did not count and PRO-02 said the customer had no news.
        var cti = User(30);
        var mappings = Fixtures.MappingsCopy.With("settings.csv", t => t.Replace("agent.system_users,,", $"agent.system_users,{cti},", StringComparison.Ordinal));
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Mappings:Path"] = mappings });
        h.Emulator.Org.Insert("User", new JsonObject { ["Id"] = cti, ["Name"] = "Telefonia CTI", ["IsActive"] = true, ["UserType"] = "Standard" });
        var s = new ServicePath(h);
        var id = s.Case("Protocolo", Local(26, 9, month: 2), c =>
        {
            c["OwnerId"] = User(10);
            c["CreatedById"] = User(10);
            c["Retorno__c"] = "Sim";
        });
        s.Call(id, Local(2, 8, 30), User(10), loggedById: cti);

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var rules = (await Ledger(h, id)).Select(f => f.Rule).ToList();
        Assert.Contains("PRO-01", rules); // judged (its empty fields are reported)
        Assert.DoesNotContain("PRO-02", rules);
    }

    [Fact]
    public async Task DeletedCase_LeavesWithoutAClosingJudgementOrAResolutionNote()
    {
        await using var h = await StartAsync();
        var s = new ServicePath(h);
        var id = s.Case("PitStop", Local(2, 6), c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = "2 Horas"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        Assert.Contains(("PIT-01", null), await Ledger(h, id));

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        h.Emulator.Org.Delete(id);
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.DoesNotContain(await Ledger(h, id), f => f.Cleared is null);
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE case_id = '{id}' AND purpose = 'resolution'"));
    }
}
