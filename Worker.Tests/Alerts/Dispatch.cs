using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Alerts;
using SfBridge.State;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>What the dispatch tests share: a dispatcher over the harness's services, and cases breached and queued.</summary>
internal static class Dispatch
{
    /// <summary>The worker's dispatcher on <paramref name="store"/> (default: the harness's state store) with <paramref name="options"/>.</summary>
    public static AlertDispatcher Dispatcher(SyncHarness h, IAlertStore? store = null, AlertsOptions? options = null) =>
        new(h.Salesforce.Client, h.Salesforce.Services.GetRequiredService<SfBridge.Salesforce.SalesforceTokenProvider>(), store ?? h.Store,
            Options.Create(options ?? new AlertsOptions()), Options.Create(new SfBridge.Cluster.ClusterOptions()),
            h.Salesforce.Services.GetRequiredService<SfBridge.Mappings.PolicyProvider>(), h.Salesforce.Time, h.Salesforce.Services.GetRequiredService<ILogger<AlertDispatcher>>());

    /// <summary>Cases of the Pit Stop "IS" tier (30 minutes), owned by one supervisor, all breached 31 minutes later and queued.</summary>
    public static async Task<(SyncHarness H, List<string> Cases, string Owner)> BreachingAsync(int cases, IDictionary<string, string?>? settings = null, string provider = "sqlite")
    {
        var h = await SyncHarness.StartAsync(settings: settings, provider: provider);
        var owner = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa", ["IsActive"] = true });
        var ids = h.Salesforce.SeedCases(cases, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "PitStop" };
            c["Nivel_SLA__c"] = "IS";
            c["OwnerId"] = owner;
        });
        await h.CaseSync.RunAsync(default);
        await h.OmniSync.RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(31));
        await h.Sweep.RunAsync(default);
        return (h, ids, owner);
    }
}
