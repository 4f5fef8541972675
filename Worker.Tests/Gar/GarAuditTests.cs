using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Gar;
using SfBridge.Sync;
using SfBridge.Tests.Emulators.Gar;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Gar;

public sealed class GarAuditTests
{
    private const string Release = "Liberação de pedido - Aguardando Verificação";

    private static async Task<(SyncHarness H, GarEmulator Gar)> StartAsync()
    {
        var gar = await GarEmulator.StartAsync();
        // The sample org's people and queues (Supervisor EPS and GSO among them), without its cases.
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly },
            new Dictionary<string, string?>
            {
                ["Gar:BaseUrl"] = gar.BaseUrl,
                ["Gar:Resilience:BaseDelay"] = "00:00:00",
                ["Alerts:MaxPostsPerCase"] = "20", // the seeded cases lack fields and comments too: GSO-05 must not wait behind those alerts
            });
        return (h, gar);
    }

    /// <summary>GSO cases escalated to the GSO queue (owner history) an hour before the harness's start.</summary>
    private static List<string> SeedGso(SyncHarness h, params (string Order, string Category)[] cases)
    {
        var ids = h.Salesforce.SeedCases(cases.Length, (i, c) => Shape(c, cases[i].Order, cases[i].Category, ServicePath.Queues.Gso));
        foreach (var id in ids)
        {
            ServicePath.OwnerChange(h, id, ServicePath.Queues.Eps, ServicePath.Queues.Gso, Salesforce.SalesforceHarness.Start.AddHours(-1), "005SB0000000001YAA");
        }

        return ids;
    }

    /// <summary>A GSO case with Supervisor EPS, about <paramref name="order"/>, opened at <paramref name="opened"/> (the harness's seeding time when null).</summary>
    private static string WithEps(SyncHarness h, string order, string category, DateTimeOffset? opened = null, string? caseNumber = null) =>
        h.Salesforce.SeedCases(1, (_, c) =>
        {
            Shape(c, order, category, ServicePath.Queues.Eps);
            if (opened is { } at)
            {
                c["CreatedDate"] = ServicePath.Rest(at);
                c["SystemModstamp"] = ServicePath.Rest(at);
            }

            if (caseNumber is not null)
            {
                c["CaseNumber"] = caseNumber;
            }
        })[0];

    private static void Shape(JsonObject c, string order, string category, string owner)
    {
        c["RecordType"] = new JsonObject { ["DeveloperName"] = "GSO" };
        c["Numero_Pedido__c"] = order;
        c["Categoria_Escalonamento__c"] = category;
        c["OwnerId"] = owner;
    }

    private static async Task<List<string>> Open(SyncHarness h, string rule) =>
        (await h.Store.QueryAsync($"SELECT detail FROM findings WHERE rule_id = '{rule}' AND cleared_at IS NULL", default)).Select(r => (string)r[0]!).ToList();

    [Fact]
    public async Task IssuedOrder_IsFlaggedAsUndueAndPosted_EachOrderLookedUpOncePerRun()
    {
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "EMITIDO", "2026-02-20T10:00:00Z");
        SeedGso(h, ("48377001", Release), ("48377001", Release), ("48100221", "Não tem agenda disponível"));

        Assert.True(await h.Cycle.RunOnceAsync(default));

        var undue = await Open(h, "GSO-05");
        Assert.Equal(2, undue.Count);
        Assert.All(undue, m => Assert.Contains("já estava EMITIDO no GAR quando foi escalado ao GSO", m, StringComparison.Ordinal));
        Assert.Equal(["/orders/48377001"], gar.Requests); // two cases, one order, one lookup; the non-release case is not looked up
        Assert.Equal(2, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE rule_id = 'GSO-05' AND state = 'sent'"));
    }

    [Fact]
    public async Task OrderUnknownToGar_IsFlagged_OnceGarHasFoundAnOrder()
    {
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        SeedGso(h, ("48999999", Release));

        await h.Cycle.RunOnceAsync(default);
        var beforeAnyFound = await Open(h, "GSO-05");
        var warned = h.Salesforce.Logs.WithEventName("NoneFound").Count();
        gar.Add("48377001", "AGUARDANDO_VERIFICACAO", "2026-02-20T10:00:00Z");
        SeedGso(h, ("48377001", Release)); // another case's order, found: GAR's 404s are its own
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Cycle.RunOnceAsync(default);

        Assert.Equal((0, 1), (beforeAnyFound.Count, warned)); // a wrong Gar:BaseUrl answers 404 to everything: not proof of a missing order
        Assert.Contains("o pedido 48999999 não existe no GAR", Assert.Single(await Open(h, "GSO-05")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGarAddressChangedWrongly_AfterWeeksOfAnswers_IsNotBelievedOnTheirStrength()
    {
        // Reproduced (in review): GAR had found orders before; Gar:BaseUrl was then changed to an address answering 404 to
        // everything, and every newly escalated order-release case was told its order did not exist.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "AGUARDANDO_VERIFICACAO", "2026-02-20T10:00:00Z");
        SeedGso(h, ("48377001", Release));
        await h.Cycle.RunOnceAsync(default); // found: GAR answers

        await h.Salesforce.RestartAsync(new Dictionary<string, string?> { ["Gar:BaseUrl"] = gar.BaseUrl + "/v2" }); // every lookup 404
        SeedGso(h, ("48888888", Release));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Cycle.RunOnceAsync(default);

        Assert.DoesNotContain(await Open(h, "GSO-05"), d => d.Contains("48888888", StringComparison.Ordinal));
        Assert.Single(h.Salesforce.Logs.WithEventName("NoneFound"));
    }

    [Fact]
    public async Task GarDown_PostponesOnlyGso05_AndTheCycleGoesOn()
    {
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "EMITIDO");
        SeedGso(h, ("48377001", Release), ("48100221", "Cancelamento de pedido"));
        gar.Down = true;

        var ok = await h.Cycle.RunOnceAsync(default);

        Assert.True(ok);
        Assert.Empty(await Open(h, "GSO-05"));
        Assert.NotEmpty(await Open(h, "GSO-01")); // the other rules still judged the cases
        Assert.Equal(1, await h.ScalarAsync("SELECT COUNT(*) FROM runs WHERE job = 'gar-audit' AND detail LIKE 'degraded%'"));
        Assert.Equal(4, gar.Requests.Count); // first attempt + 3 retries, then the audit gave up for this run

        gar.Down = false;
        await h.Cycle.RunOnceAsync(default);
        Assert.Single(await Open(h, "GSO-05")); // judged once GAR answers again
    }

    [Theory]
    [InlineData(400)] // GAR refuses the number (a draft's "PED48377001")
    [InlineData(500)] // GAR fails on that one record, retries and all
    public async Task AnOrderGarDoesNotAnswer_WaitsAlone_AndTheOtherOrdersAreJudged(int status)
    {
        // Reproduced: any answer but 2xx or 404 ended the whole run; every answer already fetched was dropped, GAR was marked
        // unavailable and GSO-05 judged no case of the org, run after run, while that one order stayed on a case.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "EMITIDO", "2026-02-20T10:00:00Z");
        gar.Refuse("PED48377001", status);
        SeedGso(h, ("48377001", Release), ("PED48377001", Release));

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Contains("o pedido 48377001 já estava EMITIDO no GAR", Assert.Single(await Open(h, "GSO-05")), StringComparison.Ordinal);
        var detail = (await h.Store.QueryAsync("SELECT detail FROM runs WHERE job = 'gar-audit'", default)).Select(r => (string)r[0]!).Single();
        Assert.Equal("2 orders looked up, 1 not answered (GSO-05 waits for those)", detail);
        var line = Assert.Single(h.Salesforce.Logs.WithEventName("NotAnswered"));
        Assert.Equal("PED48377001", line.Properties["OrderNumbers"].ToString()!.Trim('"'));
        Assert.Null(line.Exception);
    }

    [Fact]
    public async Task AnOrderGarStopsAnswering_Waits_AndIsNotJudgedOnItsLastAnswer()
    {
        // Reproduced (in review): an order GAR stopped answering kept its last answer, and an escalation made after the order
        // moved on was judged on it: "o GAR mostra o pedido … em PENDENTE_DOC" for a case escalated correctly.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "EMITIDO", "2026-02-20T10:00:00Z");
        gar.Add("48377002", "EMITIDO", "2026-02-20T10:00:00Z");
        SeedGso(h, ("48377001", Release), ("48377002", Release));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var judged = (await Open(h, "GSO-05")).Count;

        gar.Refuse("48377001", 500); // from now on GAR fails on that one record
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var whileRefused = await Open(h, "GSO-05");

        Assert.Equal(2, judged);
        Assert.Contains("o pedido 48377002 já estava EMITIDO no GAR", Assert.Single(whileRefused), StringComparison.Ordinal); // the other order is judged
        Assert.Equal(0, await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE purpose = 'resolution'")); // waiting is no resolution
    }

    [Fact]
    public async Task AnEscalation_IsJudgedUnderTheCategoryItWasMadeUnder_NotOneWrittenSince()
    {
        // Escalated an hour before under "Aguardando Validação/Aguardando Preparação", GAR showing preparation; half an hour
        // later GSO's analyst wrote where the order is now. The category's history, read with the case, tells which was checked.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "AGUARDANDO_PREPARACAO", null, "2026-02-20T10:00:00Z");
        var id = SeedGso(h, ("48377001", Release))[0];
        new ServicePath(h).FieldChange(id, "Categoria_Escalonamento__c", "Liberação de pedido - Aguardando Validação/Aguardando Preparação", Release,
            Salesforce.SalesforceHarness.Start.AddMinutes(-30), ServicePath.User(2));

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Empty(await Open(h, "GSO-05"));
    }

    [Fact]
    public async Task AnEmptyValidatedAt_IsAnOrderNotValidatedYet_NotMalformedJson()
    {
        // Reproduced (in review): "validatedAt": "" (an order not validated yet, as some systems write null) was refused as
        // malformed JSON on every run, and GSO-05 waited for ever on an escalation GAR contradicted.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "AGUARDANDO_VALIDACAO", "");
        SeedGso(h, ("48377001", Release));

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Contains("o GAR mostra o pedido 48377001 em AGUARDANDO_VALIDACAO", Assert.Single(await Open(h, "GSO-05")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrderLastLookedUpForACaseClosedWeeksAgo_IsNotJudgedOnThatAnswer_ForANewCase()
    {
        // Reproduced (in review): GAR's answers were kept for ever and believed without end. A new case about an order GAR was
        // last asked about for a case closed weeks before was judged, in the sweep the case sync wakes, on that old answer:
        // "o GAR mostra o pedido … em AGUARDANDO_VALIDACAO" posted to Supervisor EPS for an order long since verified.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "AGUARDANDO_VALIDACAO", null, "2026-02-20T10:00:00Z");
        var first = WithEps(h, "48377001", "Liberação de pedido - Aguardando Validação/Aguardando Preparação");
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        h.Emulator.Org.Update(first, new JsonObject { ["Status"] = "Fechado", ["IsClosed"] = true, ["ClosedDate"] = ServicePath.Rest(h.Salesforce.Time.GetUtcNow()) });
        Assert.True(await h.Cycle.RunOnceAsync(default)); // closed: no longer tracked, its order no longer looked up

        // Three weeks on the customer validated; GAR moved the order to verification. A new case about it reaches Supervisor EPS.
        h.Salesforce.Time.Advance(TimeSpan.FromDays(21));
        var now = h.Salesforce.Time.GetUtcNow();
        gar.Add("48377001", "AGUARDANDO_VERIFICACAO", ServicePath.Rest(now.AddDays(-3)), ServicePath.Rest(now.AddDays(-3)));
        WithEps(h, "48377001", Release, opened: now.AddMinutes(-5), caseNumber: "00002001");
        Assert.True(await h.Cycle.RunJobAsync(Cycle.CaseSync, default));
        Assert.True(await h.Cycle.RunJobAsync(Cycle.SlaSweep, default)); // the sweep the case sync wakes, before GAR's next run
        var beforeGar = await Open(h, "GSO-05");
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var afterGar = await Open(h, "GSO-05");

        Assert.Empty(beforeGar);
        Assert.Empty(afterGar); // GAR's answer now: verification, as the category asks
        Assert.Equal(3, gar.Requests.Count); // the first case's two runs (the second before its closing was judged), the new case's one
    }

    [Theory]
    [InlineData(5, 0)] // GSO released the order 5 s into the run, after the escalation 3 s in: the expected outcome
    [InlineData(-300, 1)] // released five minutes before the run began, so before the escalation: undue
    public async Task AnOrderReleasedWhileTheRunWasUnderWay_HoldsFromItsRelease_NotFromTheRunsStart(int releasedSeconds, int expected)
    {
        // Reproduced: every answer of a run was kept as seen when the run began. A run that reached an order after GSO released
        // it (and after an escalation made meanwhile) held the release from the run's start, before the escalation, and the
        // escalation was "escalonamento indevido".
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        var id = WithEps(h, "48377001", Release);
        ServicePath.OwnerChange(h, id, ServicePath.Queues.N1Rapida, ServicePath.Queues.Eps, Salesforce.SalesforceHarness.Start.AddHours(-1), ServicePath.User(3));
        var began = (DateTimeOffset?)null;
        gar.OnLookup = _ =>
        {
            if (began is not null)
            {
                return;
            }

            began = h.Salesforce.Time.GetUtcNow();
            h.Salesforce.Time.Advance(TimeSpan.FromSeconds(3)); // Supervisor EPS escalates the case to GSO
            ServicePath.OwnerChange(h, id, ServicePath.Queues.Eps, ServicePath.Queues.Gso, h.Salesforce.Time.GetUtcNow(), ServicePath.User(1));
            h.Emulator.Org.Update(id, new JsonObject { ["OwnerId"] = ServicePath.Queues.Gso });
            var released = began.Value.AddSeconds(releasedSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            gar.Add("48377001", "EMITIDO", "2026-02-20T10:00:00Z", released);
            h.Salesforce.Time.Advance(TimeSpan.FromSeconds(5)); // GAR's answer arrives 8 s into the run
        };

        Assert.True(await h.Cycle.RunOnceAsync(default)); // the run that met the release
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await h.Cycle.RunOnceAsync(default)); // the escalation synced; GAR answers the same

        Assert.NotNull(began);
        Assert.Equal(expected, (await Open(h, "GSO-05")).Count(d => d.Contains("escalonamento indevido", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("http://svc:hunter2@gar.intra/api?key=abc", "Gar:BaseUrl 'http://***@gar.intra/api?***' must use https (plain http only for loopback addresses)")]
    [InlineData("gar.intra/api", "Gar:BaseUrl 'gar.intra/api' is not an absolute URL")]
    public void ABadBaseUrl_IsNamed_WithoutRepeatingAPasswordOrAKeyItHolds(string url, string expected)
    {
        var result = new GarOptionsValidator().Validate(null, new GarOptions { BaseUrl = url });

        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public async Task HostileOrderNumber_IsNeverSent()
    {
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;

        await Assert.ThrowsAsync<ArgumentException>(() => h.Salesforce.Services.GetRequiredService<GarClient>().GetOrderAsync("../../admin?drop=1", TimeZoneInfo.Utc, default));

        Assert.Empty(gar.AllRequests);
    }

    [Fact]
    public async Task OrderNumbersThatWouldLeaveTheOrdersPath_AreNotLookedUp_AndTheLogSaysWhy()
    {
        // Reproduced: the order number ".." escaped to itself, and GET {BaseUrl}/orders/.. went to the service root.
        var (h, gar) = await StartAsync();
        await using var _h = h;
        await using var _g = gar;
        gar.Add("48377001", "EMITIDO");
        string[] hostile = ["..", ".", "../admin", "48377001/../../admin", "48377001?x=1", "48377001#f", "%2e%2e", "%2F", "48 377 001", "4837\n7001"];
        SeedGso(h, [.. hostile.Select(n => (n, Release)), ("48377001", Release)]);

        await h.Cycle.RunOnceAsync(default);

        Assert.Equal(["GET /orders/48377001"], gar.AllRequests); // nothing but the one valid order reached GAR
        Assert.Equal(hostile.Length, h.Salesforce.Logs.WithEventName("NotLookedUp").Count());
        Assert.All(h.Salesforce.Logs.WithEventName("NotLookedUp"), e => Assert.DoesNotContain("\n", e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(await Open(h, "GSO-05"), m => m.Contains("não existe no GAR", StringComparison.Ordinal)); // never judged as unknown to GAR
    }
}
