using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>A first start on an org full of old breaches records them as the baseline instead of flooding Chatter.</summary>
public sealed class FirstStartBaselineTests
{
    /// <summary>Two Pit Stop "IS" cases (30 minutes) of one supervisor: one overdue since 90 minutes before the start, one opened at the start.</summary>
    private static async Task<(SyncHarness H, string Old, string Fresh)> StartAsync(IDictionary<string, string?> settings)
    {
        var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?>(settings) { ["Alerts:FirstStartBaseline"] = "true" });
        var owner = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var ids = h.Salesforce.SeedCases(2, (i, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["OwnerId"] = owner;
            var created = SalesforceHarness.Start.AddHours(i == 0 ? -2 : 0);
            c["CreatedDate"] = SalesforceDateTime.FormatRest(created);
            c["SystemModstamp"] = SalesforceDateTime.FormatRest(created);
        });
        return (h, ids[0], ids[1]);
    }

    [Fact]
    public async Task OverdueBeforeTheFirstStart_IsRecordedNotPosted_WhatComesDueLaterIsPosted()
    {
        var (h, old, fresh) = await StartAsync(new Dictionary<string, string?>());
        await using var _ = h;

        Assert.True(await h.Cycle.RunOnceAsync(default)); // the first start
        var atStart = h.Emulator.Feed(old).Count;
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.DueWatch.WhenIdleAsync(); // the fresh case breaches
        h.Salesforce.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await h.DueWatch.WhenIdleAsync();
        Assert.True(await h.Cycle.RunOnceAsync(default)); // reminders are due

        Assert.Equal(0, atStart);
        Assert.DoesNotContain(h.Emulator.Feed(old), p => p["body"]!["text"]!.GetValue<string>().Contains("campos obrigatórios", StringComparison.Ordinal)); // neither at the start nor as a reminder
        Assert.Equal(2, h.Emulator.Feed(fresh).Count); // its breach, then its reminder
        var row = Assert.Single(await h.Store.QueryAsync(
            $"SELECT a.state, f.cleared_at, a.message, a.line FROM alerts a JOIN findings f ON f.breach_key = a.breach_key WHERE a.case_id = '{old}'", default));
        Assert.Equal(("baseline", null), ((string)row[0]!, row[1])); // known and open in the ledger (explain, summaries), never posted
        Assert.Equal(("", null), ((string)row[2]!, row[3])); // so no text was written for it
        var posted = await h.Store.QueryAsync($"SELECT a.message, a.line FROM alerts a WHERE a.case_id = '{fresh}' AND a.purpose = 'breach'", default);
        Assert.NotEmpty(posted);
        Assert.All(posted, r => Assert.False(string.IsNullOrWhiteSpace((string)r[0]!) || string.IsNullOrWhiteSpace(r[1] as string))); // a posted alert has both
    }

    [Fact]
    public async Task AFindingWithoutADueInstant_FoundByTheFirstSweep_IsRecordedNotPosted_OneFoundLaterIsPosted()
    {
        // Reproduced on a generated 100,000-case org: 137,000 missing-field and comment findings the org already held
        // were queued at the first start and drained into Chatter 50 cases per run.
        // The sample org's people and groups, so every person the protocol rules mention exists.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly },
            new Dictionary<string, string?> { ["Alerts:FirstStartBaseline"] = "true" });
        var owner = ServicePath.User(14);
        string Seed(string number, DateTimeOffset created) => h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["CaseNumber"] = number;
            c["OwnerId"] = owner;
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "Protocolo" }; // without the fields a protocol case needs
            c["CreatedDate"] = SalesforceDateTime.FormatRest(created);
            c["SystemModstamp"] = SalesforceDateTime.FormatRest(created);
        })[0];
        var old = Seed("00003000", SalesforceHarness.Start.AddDays(-1));

        Assert.True(await h.Cycle.RunOnceAsync(default)); // the first start
        h.Salesforce.Time.Advance(TimeSpan.FromHours(1));
        var later = Seed("00003001", SalesforceHarness.Start.AddMinutes(20)); // judged 40 minutes after its opening (PRO-01 waits 30)
        Assert.True(await h.Cycle.RunOnceAsync(default));

        string Kind(string caseId) => $"SELECT a.state FROM alerts a JOIN findings f ON f.breach_key = a.breach_key WHERE a.case_id = '{caseId}' AND f.kind = 'missing-field'";
        Assert.Equal("baseline", (string)Assert.Single(await h.Store.QueryAsync(Kind(old), default))[0]!);
        Assert.DoesNotContain(h.Emulator.Feed(old), p => p["body"]!["text"]!.GetValue<string>().Contains("campos obrigatórios", StringComparison.Ordinal));
        Assert.Equal("sent", (string)Assert.Single(await h.Store.QueryAsync(Kind(later), default))[0]!);
        Assert.Contains(h.Emulator.Feed(later), p => p["body"]!["text"]!.GetValue<string>().Contains("campos obrigatórios", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACaseThatAlreadyNeededTheCriticalMark_IsMarkedNotAnnounced_OneThatBecomesCriticalLaterIsAnnounced()
    {
        // Reproduced on a generated 100,000-case org: the first start queued one GSO-06 post per Ouvidoria or urgent case
        // (9,204), drained them into Chatter 50 a run, and withdrew the rest once the marks were set.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = ServicePath.OrgOnly },
            new Dictionary<string, string?> { ["Alerts:FirstStartBaseline"] = "true" });
        var s = new ServicePath(h);
        var old = s.CriticalAtEps(ServicePath.Local(2, 8, 0));

        Assert.True(await h.Cycle.RunOnceAsync(default)); // the first start
        h.Salesforce.Time.Advance(TimeSpan.FromHours(1));
        var later = s.CriticalAtEps(ServicePath.Local(2, 9, 30));
        Assert.True(await h.Cycle.RunOnceAsync(default));

        string Mark(string caseId) => $"SELECT a.state FROM alerts a JOIN findings f ON f.breach_key = a.breach_key WHERE a.case_id = '{caseId}' AND f.rule_id = 'GSO-06'";
        Assert.True(h.Emulator.Org.Find(old)!["Caso_Critico__c"]!.GetValue<bool>()); // SfBridge still sets the mark
        Assert.Equal("baseline", (string)Assert.Single(await h.Store.QueryAsync(Mark(old), default))[0]!);
        Assert.DoesNotContain(h.Emulator.Feed(old), p => p["body"]!["text"]!.GetValue<string>().Contains("crítico", StringComparison.OrdinalIgnoreCase));
        Assert.True(h.Emulator.Org.Find(later)!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.Equal("sent", (string)Assert.Single(await h.Store.QueryAsync(Mark(later), default))[0]!);
        Assert.Contains(h.Emulator.Feed(later), p => p["body"]!["text"]!.GetValue<string>().Contains("crítico", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BaselineHorizon_PostsWhatCameDueWithinItBeforeTheStart()
    {
        var (h, old, _) = await StartAsync(new Dictionary<string, string?> { ["Alerts:BaselineHorizon"] = "03:00:00" });
        await using var _h = h;

        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Single(h.Emulator.Feed(old)); // overdue for 90 minutes at the start, inside the 3-hour horizon
    }

    [Fact]
    public async Task ASecondStartOnTheSameDatabase_IsNotAFirstStart()
    {
        var (h, old, _) = await StartAsync(new Dictionary<string, string?>());
        await using var _h = h;
        Assert.True(await h.Cycle.RunOnceAsync(default));
        var firstStart = await h.Store.GetWatermarkAsync(SfBridge.Sync.SlaSweepService.FirstStartMark, default);

        // Hours later a new case arrives that came due after the first start: it is posted like any breach.
        h.Salesforce.Time.Advance(TimeSpan.FromHours(3));
        var late = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["CaseNumber"] = "00002000";
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["CreatedDate"] = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddHours(1));
            c["SystemModstamp"] = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddHours(1));
        })[0];
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal(SalesforceHarness.Start, firstStart);
        Assert.DoesNotContain(h.Emulator.Feed(old), p => p["body"]!["text"]!.GetValue<string>().Contains("campos obrigatórios", StringComparison.Ordinal));
        Assert.Single(h.Emulator.Feed(late));
    }
}
