using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// <c>bench-cycle report OUTDIR N...</c>: one table (what | N=… | N=…) from OUTDIR/cycle-N.json, printed and written
/// with the machine and the per-object call detail to OUTDIR/cycle-latest.md. A run that failed or timed out shows
/// as such, with its exit code, and its last log lines follow the table.
/// </summary>
internal static class CycleReport
{
    public static int Write(string folder, IReadOnlyList<int> sizes)
    {
        var results = sizes.Select(n => Path.Combine(folder, $"cycle-{n}.json"))
            .Select(p => File.Exists(p) ? JsonNode.Parse(File.ReadAllText(p))!.AsObject() : null).ToList();
        var rows = new List<(string What, Func<JsonObject, string> Cell)>
        {
            ("open cases (comments / e-mails / calls / history)", r => $"{N(r["openCases"])} ({N(r["countCaseComment"])} / {N(r["countEmailMessage"])} / {N(r["countTask"])} / {N(r["countCaseHistory"])})"),
            ("emulator: org load", r => $"{r["emulatorLoadSeconds"]} s"),
        };
        foreach (var (label, title) in new[] { ("first", "first `run --once`"), ("steady", "second `run --once`, nothing changed"), ("no-baseline", "first `run --once`, FirstStartBaseline=false") })
        {
            rows.Add(($"{title}: wall time (machine load average at start → end)", r => Run(r, label) is { } x ? $"{x["wallSeconds"]} s ({x["loadAverage"]})" + (Failed(x) is { } f ? $", {f}" : "") : "not run"));
            rows.Add(($"{title}: emulator CPU during the run", r => Run(r, label) is { } x ? $"{x["emulatorCpuSeconds"]} s" : "not run"));
            rows.Add(($"{title}: peak RSS", r => Run(r, label) is { } x ? $"{x["maxRssMb"]} MB" + (Failed(x) is { } f ? $", {f}" : "") : "not run"));
            rows.Add(($"{title}: API calls (minimum)", r => Run(r, label) is { } x ? $"{x["apiCalls"]} ({x["minimumCalls"]})" : "not run"));
            rows.Add(($"{title}: case query pages (minimum)", r => Run(r, label)?["objects"]?["Case"] is { } c ? $"{c["calls"]} ({c["minimum"]})" : "0"));
            rows.Add(($"{title}: Chatter posts / cases updated", r => Run(r, label) is { } x ? $"{x["posts"]} / {x["caseUpdates"]}" : "not run"));
        }

        rows.Add(("`run` as a service: incidents posted", r => Run(r, "latency") is { } x ? $"{x["latenciesMs"]!.AsArray().Count} of {x["incidents"]}" + (Failed(x) is { } f ? $" ({f})" : "") : "not run"));
        rows.Add(("`run` as a service: due → post latency median / p95 / max", r => Run(r, "latency") is { } x ? Latency(x["latenciesMs"]!.AsArray().Select(l => l!.GetValue<double>()).ToList()) : "not run"));
        rows.Add(("`run` as a service: due → breach recorded median / max", r => Run(r, "latency")?["detectedMs"] is JsonArray d ? Latency(d.Select(l => l!.GetValue<double>()).ToList(), median: true) : "not read"));
        rows.Add(("`run` as a service: alerts still queued at SIGTERM", r => Run(r, "latency")?["pendingAlertsAtStop"] is { } p ? N(p) : "not read"));
        rows.Add(("`run` as a service: due instants after start / peak RSS", r => Run(r, "latency") is { } x ? $"{x["leadSeconds"]} s / {x["maxRssMb"]} MB" : "not run"));

        var table = new StringBuilder();
        table.AppendLine("| what | " + string.Join(" | ", sizes.Select(n => $"N={n.ToString("N0", CultureInfo.InvariantCulture)}")) + " |");
        table.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---|")));
        foreach (var (what, cell) in rows)
        {
            table.AppendLine($"| {what} | " + string.Join(" | ", results.Select(r => r is null ? "no result" : cell(r))) + " |");
        }

        Console.Write(table);
        var md = new StringBuilder("# SfBridge full-cycle benchmark (scripts/bench-cycle.sh)\n\n");
        md.AppendLine(Machine()).AppendLine().Append(table).AppendLine();
        md.AppendLine("Minimum API calls: the case query needs ceil(open cases / 2000) pages on a first run and one call later; every other object ceil(records served / 2000) pages, at least one; Chatter posts 500 per batch call; case updates 200 per sObject Collections call; describe, limits, single-record and feed calls as made.\n");
        foreach (var (n, r) in sizes.Zip(results))
        {
            foreach (var run in r?["runs"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                md.AppendLine($"## N={n.ToString("N0", CultureInfo.InvariantCulture)}, {run["label"]}: exit {run["exitCode"]}{(run["timedOut"]?.GetValue<bool>() == true ? " (timed out)" : "")}, load average {run["loadAverage"]}\n");
                md.AppendLine("calls by endpoint: " + string.Join(", ", run["calls"]!.AsObject().Select(c => $"{c.Key} {c.Value}")) + "  ");
                md.AppendLine("queries by object (calls / records / minimum): " + string.Join(", ", run["objects"]!.AsObject().Select(o => $"{o.Key} {o.Value!["calls"]}/{o.Value["records"]}/{o.Value["minimum"]}")) + "\n");
                if (Failed(run) is not null)
                {
                    md.AppendLine("```\n" + string.Join('\n', run["logTail"]!.AsArray().Select(l => l!.GetValue<string>())) + "\n```\n");
                }
            }
        }

        var path = Path.Combine(folder, "cycle-latest.md");
        File.WriteAllText(path, md.ToString());
        Console.WriteLine($"\nwritten to {path}");
        return 0;
    }

    private static JsonObject? Run(JsonObject result, string label) =>
        result["runs"]?.AsArray().OfType<JsonObject>().FirstOrDefault(r => r["label"]?.GetValue<string>() == label);

    private static string? Failed(JsonObject run) =>
        run["timedOut"]?.GetValue<bool>() == true ? $"timed out after {run["wallSeconds"]} s"
        : run["exitCode"]?.GetValue<int>() is { } code && code != 0 && run["label"]?.GetValue<string>() != "latency" ? $"failed (exit {code})"
        : null;

    private static string Latency(List<double> ms, bool median = false) => ms.Count == 0
        ? "none"
        : median ? $"{ms[ms.Count / 2]:N0} / {ms[^1]:N0} ms"
        : $"{ms[ms.Count / 2]:N0} / {ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(ms.Count * 0.95) - 1)]:N0} / {ms[^1]:N0} ms";

    private static string N(JsonNode? node) => node?.GetValue<int>().ToString("N0", CultureInfo.InvariantCulture) ?? "?";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
        var mem = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var gb = mem is null ? "?" : (long.Parse(mem[9..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture);
        string sdk;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
            sdk = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            sdk = "?";
        }

        return $"Machine: {Environment.ProcessorCount} CPUs (nproc), {cpu ?? "?"}, {gb} GB RAM; .NET SDK {sdk}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. " +
               "The worker is the Release build, a separate process; the emulator runs in the benchmark's own process on 127.0.0.1. " +
               "Load averages are the machine's 1-minute figure (other work shares these CPUs).";
    }
}
