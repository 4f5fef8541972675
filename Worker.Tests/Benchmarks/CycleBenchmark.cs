using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// <c>bench-cycle run N ORGDIR OUTDIR [--worker DLL] [--timeout SECONDS] [--latency K]</c> (scripts/bench-cycle.sh):
/// the worker (a separate Release process) against the emulator (in this process, on a free 127.0.0.1 port) loaded
/// with a generated org, each run on fresh SQLite state unless it continues the one before. Four runs:
/// 1. <c>run --once</c> with Alerts:FirstStartBaseline at its default; 2. <c>run --once</c> again, nothing changed
/// (the steady cycle); 3. <c>run --once</c> on fresh state with FirstStartBaseline=false (what a first start would
/// otherwise post, capped by Alerts:MaxPostsPerCycle); 4. <c>run</c> as a service while K billing incidents reach
/// their 10-minute deadline 2 s apart, then SIGTERM: due instant to Chatter post. Writes OUTDIR/cycle-N.json.
/// <c>bench-cycle report OUTDIR N...</c> turns those files into the Markdown table (<see cref="CycleReport"/>).
/// </summary>
public static class CycleBenchmark
{
    private const string Usage = "usage: bench-cycle run N ORGDIR OUTDIR [--worker DLL] [--timeout SECONDS] [--latency K] | bench-cycle report OUTDIR N...";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.ElementAtOrDefault(1))
        {
            case "run" when args.Length >= 5 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                var options = new Settings(n, Path.GetFullPath(args[3]), Path.GetFullPath(args[4]));
                for (var i = 5; i < args.Length; i += 2)
                {
                    var value = i + 1 < args.Length ? args[i + 1] : null;
                    int Seconds(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : -1;
                    Settings? next = args[i] switch
                    {
                        "--worker" when value is not null => options with { Worker = Path.GetFullPath(value) },
                        "--timeout" when Seconds(value) > 0 => options with { Timeout = TimeSpan.FromSeconds(Seconds(value)) },
                        "--latency" when Seconds(value) > 0 => options with { Incidents = Seconds(value) },
                        _ => null,
                    };
                    if (next is null)
                    {
                        await Console.Error.WriteLineAsync($"bench-cycle: unknown or incomplete option '{args[i]}' (a positive whole number after --timeout and --latency)\n{Usage}");
                        return 2;
                    }

                    options = next;
                }

                await MeasureAsync(options);
                return 0;
            case "report" when args.Length >= 4 && args.Skip(3).All(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)):
                return CycleReport.Write(args[2], args.Skip(3).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList());
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task MeasureAsync(Settings s)
    {
        Directory.CreateDirectory(s.Out);
        var result = new JsonObject { ["n"] = s.Cases, ["org"] = s.Org };
        var runs = new JsonArray();
        double firstWall;
        await using (var emulator = await StartAsync(s, result))
        {
            var state = NewState(s, "first");
            var first = await RunWorkerAsync(s, emulator, "first", state, [], firstRun: true);
            runs.Add(first);
            runs.Add(await RunWorkerAsync(s, emulator, "steady", state, [], firstRun: false));
            firstWall = first["wallSeconds"]!.GetValue<double>();
        }

        await using (var emulator = await StartAsync(s, null))
        {
            runs.Add(await RunWorkerAsync(s, emulator, "no-baseline", NewState(s, "no-baseline"), ["--Alerts:FirstStartBaseline=false"], firstRun: true));
        }

        await using (var emulator = await StartAsync(s, null))
        {
            runs.Add(await LatencyAsync(s, emulator, firstWall));
        }

        result["runs"] = runs;
        var path = Path.Combine(s.Out, $"cycle-{s.Cases}.json");
        await File.WriteAllTextAsync(path, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"bench-cycle: wrote {path}");
        foreach (var folder in Directory.GetDirectories(s.Out, $"state-{s.Cases}-*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SalesforceEmulator> StartAsync(Settings s, JsonObject? describe)
    {
        var clock = Stopwatch.StartNew();
        var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = s.Org, DailyApiMax = 10_000_000 });
        if (OrgGenerator.Stamp.Read(s.Org) is { } stamp)
        {
            // A cached org keeps its ages: cases opened an hour before generation are an hour old now too.
            emulator.Org.ShiftDateTimes(TimeSpan.FromSeconds(Math.Round((DateTimeOffset.UtcNow - stamp.Now).TotalSeconds)));
        }
        if (describe is not null)
        {
            describe["emulatorLoadSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
            describe["openCases"] = emulator.Org.Read(v => v.Records("Case").Count(c => c["IsClosed"]?.GetValue<bool>() == false));
            foreach (var o in new[] { "CaseComment", "EmailMessage", "Task", "CaseHistory", "User", "AgentWork", "PendingServiceRouting" })
            {
                describe["count" + o] = emulator.Org.Count(o);
            }
        }

        Console.WriteLine($"bench-cycle: N={s.Cases} emulator on {emulator.BaseUrl} loaded {s.Org} in {clock.Elapsed.TotalSeconds:N1} s");
        return emulator;
    }

    /// <summary>A fresh SQLite file under OUTDIR (removed once the measurement is written).</summary>
    private static string NewState(Settings s, string label)
    {
        var folder = Path.Combine(s.Out, $"state-{s.Cases}-{label}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Path.Combine(Directory.CreateDirectory(folder).FullName, "state.db");
    }

    private static string[] WorkerArgs(Settings s, SalesforceEmulator emulator, string state, bool once, string[] extra) =>
    [
        s.Worker, "run", .. once ? new[] { "--once" } : [],
        $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge-bench", "--Salesforce:ClientSecret=bench", "--Salesforce:ApiCallFloor=0",
        $"--State:ConnectionString=Data Source={state}", "--Health:Url=", $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", .. extra,
    ];

    private static async Task<JsonObject> RunWorkerAsync(Settings s, SalesforceEmulator emulator, string label, string state, string[] extra, bool firstRun)
    {
        emulator.Requests.Clear();
        var feedBefore = emulator.Org.Count("FeedItem");
        var timeFile = Path.Combine(s.Out, $"time-{s.Cases}-{label}.txt");
        var gnuTime = File.Exists("/usr/bin/time");
        string[] command = gnuTime ? ["/usr/bin/time", "-v", "-o", timeFile, "dotnet", .. WorkerArgs(s, emulator, state, true, extra)] : ["dotnet", .. WorkerArgs(s, emulator, state, true, extra)];
        Console.WriteLine($"bench-cycle: N={s.Cases} {label}: run --once {string.Join(' ', extra)}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var run = await MeasuredRun.RunAsync(command, Path.Combine(s.Out, $"worker-{s.Cases}-{label}.log"), s.Timeout, stopAt: null);
        var result = Measure(label, emulator, run, feedBefore, firstRun, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        result["maxRssMb"] = gnuTime && File.Exists(timeFile) ? MeasuredRun.MaxRssMb(await File.ReadAllTextAsync(timeFile)) : null;
        Console.WriteLine($"bench-cycle: N={s.Cases} {label}: exit {run.ExitCode}{(run.TimedOut ? " (timed out)" : "")}, {run.Wall.TotalSeconds:N1} s (emulator CPU {result["emulatorCpuSeconds"]} s), " +
                          $"{result["maxRssMb"]} MB, {result["apiCalls"]} API calls (minimum {result["minimumCalls"]}), {result["posts"]} posts");
        return result;
    }

    /// <summary>The worker as a service while incidents come due after its first cycle (timed by the first run) would be done.</summary>
    private static async Task<JsonObject> LatencyAsync(Settings s, SalesforceEmulator emulator, double firstWall)
    {
        var start = DateTimeOffset.UtcNow;
        var lead = TimeSpan.FromSeconds(Math.Ceiling(firstWall * 1.5) + 20);
        var dues = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var k = 0; k < s.Incidents; k++)
        {
            var created = start + lead + TimeSpan.FromSeconds(2 * k) - TimeSpan.FromMinutes(10);
            var id = emulator.Org.Insert("Case", new JsonObject
            {
                ["CaseNumber"] = (9_000_000 + k).ToString("D8", CultureInfo.InvariantCulture), ["Subject"] = $"Faturamento parado na filial {k + 1}", ["Status"] = "Novo",
                ["Priority"] = "Alta", ["Origin"] = "Telefone", ["IsClosed"] = false, ["RecordTypeId"] = "012SB0000000005YAA",
                ["OwnerId"] = ServicePath.Queues.Cmc, ["CreatedById"] = ServicePath.User(12), ["Numero_Incidente__c"] = $"INC{9_100_000 + k}",
                ["CreatedDate"] = SalesforceDateTime.FormatRest(created), ["SystemModstamp"] = SalesforceDateTime.FormatRest(start),
            });
            dues[id] = created + TimeSpan.FromMinutes(10);
        }

        emulator.Requests.Clear();
        var feedBefore = emulator.Org.Count("FeedItem");
        var stopAt = dues.Values.Max() + TimeSpan.FromSeconds(30);
        Console.WriteLine($"bench-cycle: N={s.Cases} latency: worker as a service; {s.Incidents} incidents due from {lead.TotalSeconds:N0} s after start, SIGTERM at {(stopAt - start).TotalSeconds:N0} s");
        var state = NewState(s, "latency");
        var command = new[] { "dotnet" }.Concat(WorkerArgs(s, emulator, state, false, [])).ToArray();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var run = await MeasuredRun.RunAsync(command, Path.Combine(s.Out, $"worker-{s.Cases}-latency.log"), (stopAt - start) + s.Timeout, stopAt);
        var result = Measure("latency", emulator, run, feedBefore, firstRun: true, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        result["maxRssMb"] = run.PeakRssMb;
        result["incidents"] = s.Incidents;
        result["leadSeconds"] = lead.TotalSeconds;
        var latencies = dues.Select(d => emulator.Feed(d.Key) is { Count: > 0 } posts
                ? (DateTimeOffset.Parse(posts[^1]["createdDate"]!.GetValue<string>(), CultureInfo.InvariantCulture) - d.Value).TotalMilliseconds
                : (double?)null)
            .OfType<double>().Order().ToList();
        result["latenciesMs"] = new JsonArray(latencies.Select(l => (JsonNode)Math.Round(l)).ToArray());
        var (detected, pending) = ReadState(state, dues);
        result["detectedMs"] = new JsonArray(detected.Select(l => (JsonNode)Math.Round(l)).ToArray());
        result["pendingAlertsAtStop"] = pending;
        Console.WriteLine($"bench-cycle: N={s.Cases} latency: {latencies.Count} of {s.Incidents} posted; " +
                          (latencies.Count > 0 ? $"median {latencies[latencies.Count / 2]:N0} ms, max {latencies[^1]:N0} ms" : "none posted"));
        return result;
    }

    /// <summary>
    /// From the worker's state database: due instant to the breach's first_seen for each incident (when the worker
    /// knew), and the alerts still queued when it stopped (what a post waits behind). Null when the schema differs.
    /// </summary>
    private static (List<double> Detected, int? Pending) ReadState(string state, Dictionary<string, DateTimeOffset> dues)
    {
        var detected = new List<double>();
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={state};Mode=ReadOnly");
            connection.Open();
            using var findings = connection.CreateCommand();
            findings.CommandText = "SELECT case_id, MIN(first_seen) FROM findings GROUP BY case_id";
            using (var reader = findings.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (dues.TryGetValue(reader.GetString(0), out var due))
                    {
                        detected.Add((DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture) - due).TotalMilliseconds);
                    }
                }
            }

            using var pending = connection.CreateCommand();
            pending.CommandText = "SELECT COUNT(*) FROM alerts WHERE state = 'pending'";
            return (detected.Order().ToList(), Convert.ToInt32(pending.ExecuteScalar(), CultureInfo.InvariantCulture));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return (detected, null);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <param name="emulatorCpu">CPU time this process (the emulator) spent during the run: what the emulator cost the run.</param>
    private static JsonObject Measure(string label, SalesforceEmulator emulator, WorkerRun run, int feedBefore, bool firstRun, TimeSpan emulatorCpu)
    {
        var requests = emulator.Requests.All;
        var (minimum, objects) = CallFloor.Of(requests, emulator.Org.Read(v => v.Records("Case").Count(c => c["IsClosed"]?.GetValue<bool>() == false)), firstRun);
        return new JsonObject
        {
            ["label"] = label,
            ["exitCode"] = run.ExitCode,
            ["timedOut"] = run.TimedOut,
            ["wallSeconds"] = Math.Round(run.Wall.TotalSeconds, 1),
            ["loadAverage"] = run.Load,
            ["emulatorCpuSeconds"] = Math.Round(emulatorCpu.TotalSeconds, 1),
            ["apiCalls"] = emulator.Requests.ApiCalls,
            ["minimumCalls"] = minimum,
            ["calls"] = new JsonObject(emulator.Requests.ByEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["objects"] = objects,
            ["posts"] = emulator.Org.Count("FeedItem") - feedBefore,
            ["caseUpdates"] = requests.Where(r => r.Endpoint == "composite-sobjects").Sum(r => r.Records ?? 0),
            ["logTail"] = new JsonArray(run.LogTail.Select(l => (JsonNode)l).ToArray()),
        };
    }

    private sealed record Settings(int Cases, string Org, string Out)
    {
        public string Worker { get; init; } = Fixtures.WorkerProcess.WorkerDll();

        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

        public int Incidents { get; init; } = 20;
    }
}
