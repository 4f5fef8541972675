using Microsoft.Extensions.DependencyInjection;
using SfBridge.Alerts;
using SfBridge.Tests.Sync;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// The critical mark (GSO-06): each case is written once, a case Salesforce refuses is reported with its error and
/// written again next run, and a run with nothing to mark neither calls Salesforce nor reports anything.
/// </summary>
public sealed class CriticalMarkTests
{
    [Fact]
    public async Task ACaseIsMarkedOnce_ARefusedOneIsReportedAndRetried_AndARunWithNothingToMarkIsSilent()
    {
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });
        var s = new ServicePath(h);
        // Two GSO cases in the Ouvidoria category without the critical mark.
        var cases = Enumerable.Range(0, 2).Select(i =>
        {
            var id = s.Case("GSO", Local(2, 8, 30 + i), c =>
            {
                c["OwnerId"] = Queues.Eps;
                c["Categoria_Escalonamento__c"] = "Escalonamento de casos Críticos - Ouvidoria, Corporativo";
                c["Caso_Critico__c"] = false;
            });
            s.OwnerChange(id, Queues.N1Rapida, Queues.Eps, Local(2, 8, 35 + i), User(3));
            return id;
        }).ToList();
        foreach (var job in new[] { SfBridge.Sync.Cycle.CaseSync, SfBridge.Sync.Cycle.OmniChannelSync, SfBridge.Sync.Cycle.SlaSweep })
        {
            Assert.True(await h.Cycle.RunJobAsync(job, default));
        }

        h.Emulator.Faults.FailRecord(cases[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Caso crítico exige justificativa", times: 1);
        var marker = h.Salesforce.Services.GetRequiredService<CriticalMarker>();

        Assert.Equal(1, await marker.RunAsync(default));
        Assert.True(h.Emulator.Org.Find(cases[0])!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.False(h.Emulator.Org.Find(cases[1])!["Caso_Critico__c"]!.GetValue<bool>());
        var refused = Assert.Single(h.Salesforce.Logs.WithEventName("CriticalMarkRefused"));
        Assert.Equal((cases[1], "FIELD_CUSTOM_VALIDATION_EXCEPTION"), (refused.Properties["CaseId"].ToString().Trim('"'), refused.Properties["ErrorCode"].ToString().Trim('"')));
        var counts = Assert.Single(h.Salesforce.Logs.WithEventName("CriticalMarks"));
        Assert.Equal(("1", "1"), (counts.Properties["Marked"].ToString(), counts.Properties["Failed"].ToString()));

        // Next run, without a sync in between: only the refused case is written again.
        h.Emulator.Requests.Clear();
        Assert.Equal(1, await marker.RunAsync(default));
        Assert.True(h.Emulator.Org.Find(cases[1])!["Caso_Critico__c"]!.GetValue<bool>());
        Assert.Equal(1, h.Emulator.Requests.Count("composite-sobjects"));
        Assert.Equal(2, await h.ScalarAsync("SELECT COUNT(*) FROM critical_marks"));

        // Nothing left to mark: no call, no line.
        h.Emulator.Requests.Clear();
        Assert.Equal(0, await marker.RunAsync(default));
        Assert.Equal(0, h.Emulator.Requests.Count("composite-sobjects"));
        Assert.Equal(2, h.Salesforce.Logs.WithEventName("CriticalMarks").Count());
    }
}
