using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using SfBridge.Hosting;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// scripts/rehearse-alerts.sh. Two measurements against the Salesforce emulator on loopback:
/// 1. Latency, in real time: the worker runs as a service (its Quartz schedule, its wake-up at due instants) while
///    billing incidents reach their 10-minute BIL-02 deadline a few seconds apart; for each, the time from the due
///    instant to the Chatter POST the emulator received.
/// 2. Posts and API calls per cycle: two cycles over the sample org from Tuesday 3 March 2026 14:00, as the worker
///    runs now (one post per case, child changes and replies read) and with child changes and replies not read, as
///    before; the posts one post per alert would have made are the alerts sent. Calls counted by endpoint.
/// </summary>
public static class AlertRehearsal
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 20;
        await LatencyAsync(count);
        Console.WriteLine();
        await PerCycleAsync();
        return 0;
    }

    private static async Task LatencyAsync(int count)
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions
        {
            SnapshotPath = RepoPaths.SampleOrg,
            SnapshotExclude = ServicePath.OrgOnly,
        });
        var start = DateTimeOffset.UtcNow;
        var dues = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            // Opened so that the 10-minute deadline falls 20 s after the worker starts, then every 2 s.
            var created = start - TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(20 + (2 * k));
            var id = emulator.Org.Insert("Case", new JsonObject
            {
                ["CaseNumber"] = (9000 + k).ToString("D8", CultureInfo.InvariantCulture), ["Subject"] = $"Faturamento parado {k}", ["Status"] = "Novo",
                ["Priority"] = "Alta", ["Origin"] = "WhatsApp", ["IsClosed"] = false, ["RecordType"] = new JsonObject { ["DeveloperName"] = "Faturamento" },
                ["OwnerId"] = ServicePath.Queues.Cmc, ["CreatedById"] = ServicePath.User(12), ["Numero_Incidente__c"] = $"INC{9000 + k}",
                ["CreatedDate"] = SalesforceDateTime.FormatRest(created), ["SystemModstamp"] = SalesforceDateTime.FormatRest(start),
            });
            dues[id] = created + TimeSpan.FromMinutes(10);
        }

        var folder = Directory.CreateTempSubdirectory("sfbridge-rehearsal-").FullName;
        var command = CommandLine.Parse(
        [
            "run", $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge-rehearsal", "--Salesforce:ClientSecret=rehearsal",
            "--Salesforce:ApiCallFloor=0", $"--State:ConnectionString=Data Source={Path.Combine(folder, "state.db")}", "--Health:Url=",
            $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", Environment.GetEnvironmentVariable("SFBRIDGE_REHEARSAL_LOG") is { Length: > 0 } level ? $"--Serilog:MinimumLevel:Default={level}" : "--Serilog:MinimumLevel:Default=Warning",
        ], out _);
        using var host = SfBridgeApp.CreateHost(command);
        await host.StartAsync();
        var last = dues.Values.Max();
        await Task.Delay(last - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10)); // a rehearsal runs in real time
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        var latencies = new List<double>();
        foreach (var (id, due) in dues)
        {
            var posts = emulator.Feed(id);
            if (posts.Count > 0)
            {
                var posted = DateTimeOffset.Parse(posts[^1]["createdDate"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                latencies.Add((posted - due).TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine($"Due instant to Chatter POST, {count} incidents due 2 s apart, worker running as a service (real clock):");
        Console.WriteLine($"  posted on time:  {latencies.Count} of {count}");
        if (latencies.Count > 0)
        {
            Console.WriteLine($"  latency:         min {latencies[0]:N0} ms, median {latencies[latencies.Count / 2]:N0} ms, " +
                              $"p95 {latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.95) - 1)]:N0} ms, max {latencies[^1]:N0} ms");
        }

        Console.WriteLine($"  API calls:       {Calls(emulator)}");
    }

    private static async Task PerCycleAsync()
    {
        Console.WriteLine("Two cycles over the sample org (run --once path, emulator, SQLite): the first at 03/03/2026 14:00, the second a minute later:");
        foreach (var (label, settings) in new[]
        {
            ("now (one post per case; child changes and replies read)", new Dictionary<string, string?>()),
            ("before (no child changes, no replies read)", new Dictionary<string, string?> { ["Sync:ChildChanges"] = "false", ["Alerts:ReadReplies"] = "false" }),
        })
        {
            settings["Alerts:MaxPostsPerCycle"] = "500";
            settings["Alerts:MaxPostsPerCase"] = "50";
            await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg }, settings);
            h.Salesforce.Time.Advance(new DateTimeOffset(2026, 3, 3, 14, 0, 0, TimeSpan.FromHours(-3)) - h.Salesforce.Time.GetUtcNow());
            await h.Cycle.RunOnceAsync(default);
            var first = Calls(h.Emulator);
            var alerts = await h.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE state = 'sent' AND purpose <> 'summary'");
            var cases = await h.ScalarAsync("SELECT COUNT(DISTINCT case_id) FROM alerts WHERE state = 'sent' AND purpose <> 'summary'");
            var posts = (await h.Store.QueryAsync("SELECT DISTINCT feed_element_id FROM alerts WHERE state = 'sent' AND purpose <> 'summary'", default)).Count;
            h.Emulator.Requests.Clear();
            h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
            await h.Cycle.RunOnceAsync(default);
            Console.WriteLine($"  {label}:");
            Console.WriteLine($"    first cycle:  {alerts} alerts on {cases} cases: {posts} Chatter posts now, {alerts} posts with one post per alert; API calls {first}");
            Console.WriteLine($"    second cycle: API calls {Calls(h.Emulator)}");
        }
    }

    private static string Calls(SalesforceEmulator emulator) =>
        $"{emulator.Requests.ApiCalls} ({string.Join(", ", emulator.Requests.ByEndpoint.Where(e => e.Key is not ("token" or "versions")).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))})";
}
