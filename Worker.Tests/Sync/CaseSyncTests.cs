using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Sync;

public sealed class CaseSyncTests
{
    private static JsonObject Touch(string status = "Em Atendimento") => new() { ["Status"] = status };

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task Backfill_ThenChanges_CostCeilOfRecordsOverBatchQueryCalls(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(2_500, (i, c) => c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" });

        var backfill = await h.CaseSync.RunAsync(default);
        var backfillCalls = h.Emulator.Requests.ApiCalls;

        h.Emulator.Requests.Clear();
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        foreach (var id in ids.Skip(100).Take(450))
        {
            h.Emulator.Org.Update(id, Touch());
        }

        var incremental = await h.CaseSync.RunAsync(default);

        Assert.Equal(2_500, backfill.Stored);
        Assert.Equal(13, backfillCalls); // ceil(2500 / 200): 1 query + 12 queryMore
        Assert.Equal(450, incremental.Stored);
        Assert.Equal(5, incremental.Skipped); // the overlap window re-read the five newest cases of the backfill
        Assert.Equal(1 + 4, h.Emulator.Requests.Count("queryAll")); // the cases, then comments, e-mails, tasks and files changed since the last run
        Assert.Equal(2, h.Emulator.Requests.Count("queryMore")); // ceil(455 / 200) = 3 calls for the cases
        Assert.Equal(3 + 4, h.Emulator.Requests.ApiCalls);
        Assert.Equal(2_500 + 450, await h.ScalarAsync("SELECT COUNT(*) FROM case_journal"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ChildrenTheCaseQueryBrought_AreNotReadAgainWithTheirCase_OnesAddedLaterAre(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(3);
        h.Emulator.Org.Insert("CaseComment", new JsonObject { ["ParentId"] = ids[0], ["CommentBody"] = "Cliente orientado.", ["IsPublished"] = true });
        h.Emulator.Org.Insert("Task", new JsonObject { ["WhatId"] = ids[1], ["Subject"] = "Ligação", ["TaskSubtype"] = "Call", ["Status"] = "Completed" });
        await h.CaseSync.RunAsync(default); // the first run reads every open case with its comments, e-mails and tasks
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var quiet = await h.CaseSync.RunAsync(default); // the child-change read returns both children, within its overlap window
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Org.Insert("CaseComment", new JsonObject { ["ParentId"] = ids[2], ["CommentBody"] = "Aguardando o cliente.", ["IsPublished"] = false });
        var added = await h.CaseSync.RunAsync(default);

        Assert.Equal((0, 0), (quiet.Stored, quiet.Refreshed)); // both were seen with their cases: nothing to read again
        // The new comment's case only, once: its case, read again by the overlap, brought it (at the version stored, with a
        // record that differs), so the comment's own read found it seen.
        Assert.Equal(1, added.Stored + added.Refreshed);
        Assert.Equal(2, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{ids[2]}'"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{ids[0]}'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ASecondSaveInTheSameSecond_ReadAfterTheFirst_IsStoredWhenTheOverlapReadsItAgain(string provider)
    {
        // Reproduced (in review): SystemModstamp has whole seconds. A sync that read the case between two saves of one second
        // stored the first; every later read carried the same SystemModstamp and was skipped as seen, so the case was judged
        // on the first save ("campo não preenchido" for a field the second filled) until it next changed.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var id = h.Salesforce.SeedCases(1)[0];
        Assert.Equal(1, (await h.CaseSync.RunAsync(default)).Stored);
        h.Emulator.Org.Update(id, new JsonObject { ["Subject"] = "Pedido liberado, aguardando o cliente" }, touch: false); // the same second's second save
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await h.CaseSync.RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var quiet = await h.CaseSync.RunAsync(default);

        Assert.Equal(1, again.Stored);
        Assert.Contains("Pedido liberado, aguardando o cliente", (string)(await h.Store.QueryAsync($"SELECT record FROM case_records WHERE id = '{id}'", default))[0][0]!,
            StringComparison.Ordinal);
        Assert.Equal((0, 1), (quiet.Stored, quiet.Skipped)); // read again unchanged: as seen
    }

    [Theory]
    [InlineData(true, 5)] // the cases, then one query each for comments, e-mails, tasks and files
    [InlineData(false, 1)]
    public async Task NothingChanged_CostsOneCallPerObjectReadAndStoresNothing(bool childChanges, int calls)
    {
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?> { ["Sync:ChildChanges"] = childChanges ? "true" : "false" });
        h.Salesforce.SeedCases(300);
        await h.CaseSync.RunAsync(default);
        h.Emulator.Requests.Clear();
        h.Salesforce.Time.Advance(TimeSpan.FromHours(1));

        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal(0, report.Stored);
        Assert.True(h.Emulator.Requests.ApiCalls == calls, string.Join(",", h.Emulator.Requests.All.Select(r => r.Endpoint + r.Status)));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task StoppedMidPaging_RestartOnTheSameFile_ProcessesEveryCaseExactlyOnce(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        h.Salesforce.SeedCases(1_000);
        h.Emulator.Faults.Add(new Fault(FaultKind.Slow, "queryMore") { After = 1 }); // page 3 never arrives
        using var stop = new CancellationTokenSource();

        var first = h.CaseSync.RunAsync(stop.Token);
        await h.Emulator.Faults.SlowRequestStarted;
        await stop.CancelAsync(); // SIGTERM while the third page is in flight
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var storedBeforeRestart = await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases");
        await h.Salesforce.RestartAsync();
        var second = await h.CaseSync.RunAsync(default);

        Assert.Equal(400, storedBeforeRestart); // two whole pages, each stored with its watermark
        Assert.Equal(600, second.Stored);
        Assert.Equal(1_000, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
        Assert.Equal(1_000, await h.ScalarAsync("SELECT COUNT(DISTINCT id) FROM case_journal"));
        Assert.Equal(1_000, await h.ScalarAsync("SELECT COUNT(*) FROM case_journal"));
    }

    /// <summary>
    /// 1,000 open cases, last edited a minute apart up to the start, and one closed an hour before it: the backfill stops
    /// while its third page is in flight (two pages, 400 cases, stored).
    /// </summary>
    private static async Task<(List<string> Open, string ClosedBefore)> BackfillStoppedAtTheThirdPageAsync(SyncHarness h)
    {
        var open = h.Salesforce.SeedCases(1_000);
        var closedAt = SalesforceDateTime.FormatRest(SalesforceHarness.Start.AddHours(-1));
        var closedBefore = h.Salesforce.SeedCases(1, (_, c) => { c["IsClosed"] = true; c["Status"] = "Fechado"; c["ClosedDate"] = closedAt; c["SystemModstamp"] = closedAt; })[0];
        h.Emulator.Faults.Add(new Fault(FaultKind.Slow, "queryMore") { After = 1 });
        using var stop = new CancellationTokenSource();
        var first = h.CaseSync.RunAsync(stop.Token);
        await h.Emulator.Faults.SlowRequestStarted;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await h.Salesforce.RestartAsync();
        return (open, closedBefore);
    }

    [Fact]
    public async Task ASweepDuringABackfillStoppedPartWay_Waits_TheFirstStartIsTheSweepAfterEveryCaseIsRead()
    {
        // Reproduced: the backfill stores each page with the case watermark, and the sweep took that watermark for a finished
        // first sync. It judged the 400 cases stored so far as the first start, baselining only what they held; the cases of
        // the later pages were judged by later sweeps, and what the org already held on them was posted as new.
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?> { ["Alerts:FirstStartBaseline"] = "true" });
        await BackfillStoppedAtTheThirdPageAsync(h);

        var during = await h.Sweep.RunAsync(default);
        var firstStartDuring = await h.Store.GetWatermarkAsync(SfBridge.Sync.SlaSweepService.FirstStartMark, default);
        await h.CaseSync.RunAsync(default);
        await h.OmniSync.RunAsync(default);
        var after = await h.Sweep.RunAsync(default);

        Assert.Equal((0, 0), (during.Cases, during.Judged));
        Assert.Null(firstStartDuring);
        Assert.Single(h.Salesforce.Logs.WithEventName("SweepWaitsForFirstSync"));
        Assert.Equal((1_000, 1_000), (after.Cases, after.Judged));
        Assert.NotNull(await h.Store.GetWatermarkAsync(SfBridge.Sync.SlaSweepService.FirstStartMark, default));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ABackfillResumedAfterAStop_JudgesNoCaseClosedBeforeTheWatchingBegan_AndReadsTheChildrenAddedMeanwhile(string provider)
    {
        // Reproduced: resumed from its last page's watermark (ten hours before the start), the read took every case closed since
        // then for one closed while watched, and gave it a closing judgement; and the children's watermarks, never set by the
        // stopped backfill, were set at the resume, so a comment added in between to a case already stored was never read.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var (open, closedBefore) = await BackfillStoppedAtTheThirdPageAsync(h);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(2));
        new ServicePath(h).Comment(open[900], "Cliente retornou o contato.", true, h.Salesforce.Time.GetUtcNow(), ServicePath.User(3)); // page 1's case
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));

        var resumed = await h.CaseSync.RunAsync(default);

        Assert.Equal(1_000, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
        Assert.Equal(0, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{closedBefore}'"));
        Assert.Equal(1, resumed.Refreshed);
        Assert.Single(await h.Store.LoadTrackedCasesAsync(default), c => c.Json.Contains("Cliente retornou o contato.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ATrackedCaseDeletedForGood_LeavesTheTrackedSet_WhenReadAgainFindsNothing(string provider)
    {
        // Reproduced: a case removed for good (the recycle bin emptied, a hard delete) never shows as deleted to queryAll. Read
        // again by id before its breach was alerted, it came back as nothing, and stayed tracked, open, counted in its owner's
        // backlog, read again at every due instant, for ever.
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(3, (_, c) => { c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" }; c["Nivel_SLA__c"] = "IS"; });
        Assert.True(await h.Cycle.RunOnceAsync(default));
        h.Emulator.Org.Purge(ids[0]); // opened at the start: due 30 minutes later

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal(2, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{ids[0]}' AND change = 'not found'"));
        Assert.Empty(h.Emulator.Feed(ids[0]));
        Assert.Single(h.Salesforce.Logs.WithEventName("CaseNotFound"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task ClosedAndDeletedCases_LeaveTheTrackedSet_AClosedOneAfterItsClosingJudgement(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(10);
        await h.CaseSync.RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(10));
        h.Emulator.Org.Update(ids[2], new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = SalesforceDateTime.FormatRest(h.Salesforce.Time.GetUtcNow()) });
        h.Emulator.Org.Delete(ids[5]);

        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal(2, report.Removed);
        Assert.Equal(9, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases")); // the closed case waits for its closing judgement
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM tracked_cases WHERE id = '{ids[2]}' AND closing = 1"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{ids[5]}' AND change = 'deleted'"));

        await h.OmniSync.RunAsync(default);
        await h.Sweep.RunAsync(default);

        Assert.Equal(8, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
        Assert.Equal(1, await h.ScalarAsync($"SELECT COUNT(*) FROM case_journal WHERE id = '{ids[2]}' AND change = 'closed'"));
    }

    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task BadRecords_AreQuarantinedWithTheReasonAndTheCycleContinues(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(6, (i, c) =>
        {
            switch (i)
            {
                case 1: c["CreatedDate"] = null; break;
                case 2: c["ClosedDate"] = "ontem à tarde"; break;
                case 3: c["Status"] = "Status que não existe no picklist"; break;
                case 4: c["Description"] = new string('x', 200_000); break;
            }
        });

        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal(4, report.Stored); // the unknown picklist value and the 200 KB description are fine
        Assert.Equal(2, report.Quarantined);
        var reasons = (await h.Store.QueryAsync("SELECT id, reason, length(payload) FROM quarantine ORDER BY id", default)).ToList();
        Assert.Equal([ids[1], ids[2]], reasons.Select(r => (string)r[0]!).Order());
        Assert.Contains(reasons, r => (string)r[1]! == "CreatedDate is null");
        Assert.Contains(reasons, r => ((string)r[1]!).Contains("ClosedDate", StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.True(Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture) > 100)); // the payload is kept, not lost
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("Quarantined").Count());

        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await h.CaseSync.RunAsync(default);
        Assert.Equal(0, again.Quarantined); // seen once, not quarantined again by the overlap re-read
    }

    /// <summary>
    /// A subject holding an escaped half of a surrogate pair (valid JSON, no text: a subject cut in the middle of an emoji)
    /// as Salesforce can send it: the case is stored as sent and judged with U+FFFD in the half's place. The reading threw
    /// out of the page once; then the case was quarantined, and a case SfBridge tracked left the tracked set, its open
    /// findings cleared without a word, when an e-mail of its arrived so.
    /// </summary>
    [Theory]
    [MemberData(nameof(SyncHarness.Providers), MemberType = typeof(SyncHarness))]
    public async Task AnEscapedHalfSurrogate_InASubjectOrAnEmailOfATrackedCase_KeepsTheCaseTracked(string provider)
    {
        await using var h = await SyncHarness.StartAsync(provider: provider);
        var ids = h.Salesforce.SeedCases(3, (i, c) =>
        {
            if (i == 1)
            {
                c["Subject"] = "Pedido MARCA travado";
            }
        });
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query") { Edit = body => body.Replace("MARCA", "\\ud800", StringComparison.Ordinal) });

        var report = await h.CaseSync.RunAsync(default);

        Assert.Equal((3, 0), (report.Stored, report.Quarantined));
        Assert.Empty(await h.Store.QueryAsync("SELECT id FROM quarantine", default));

        // An e-mail of a tracked case, its body cut in the middle of an emoji.
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        new ServicePath(h).Email(ids[2], true, h.Salesforce.Time.GetUtcNow(), "suporte@empresa.example", body: "Obrigado MARCA");
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "queryAll", Times: 5) { Edit = body => body.Replace("MARCA", "\\ud83d", StringComparison.Ordinal) });
        var later = await h.CaseSync.RunAsync(default);

        // The e-mail's case, stored once by whichever read met the e-mail first; and the case whose subject the edit now makes
        // another lone half: at the version stored, its record differs, so it is stored again.
        Assert.Equal((2, 0), (later.Stored + later.Refreshed, later.Quarantined));
        Assert.Equal(3, await h.ScalarAsync("SELECT COUNT(*) FROM tracked_cases"));
    }
}
