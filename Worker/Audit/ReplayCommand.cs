using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Snapshots;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Audit;

/// <summary>
/// <c>replay --mappings NEW_DIR [--baseline OLD_DIR] (--input DIR | --state) [--now ISO-8601] [--format text|jsonl|html]</c>:
/// what a mappings change would do. The same cases are judged at the same instant with both mapping folders (the
/// baseline by default is Mappings:Path), and the findings that appear, disappear or change are printed. Nothing is
/// posted or stored: a snapshot is only read, and the worker's state database is opened read-only.
/// </summary>
public static class ReplayCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, string defaultMappings, StateOptions state, TimeProvider time,
        TextWriter stdout, TextWriter stderr)
    {
        var fromState = options.ContainsKey("state");
        var format = options.GetValueOrDefault("format", "text");
        if (!options.TryGetValue("mappings", out var mappings) || options.ContainsKey("input") == fromState || format is not ("text" or "jsonl" or "html"))
        {
            stderr.WriteLine("replay needs --mappings NEW_DIR and exactly one of --input DIR or --state; --format is text, jsonl or html");
            return RunOutcome.UsageError;
        }

        var nowText = options.GetValueOrDefault("now");
        if (!OfflineCommands.NowIsValid(nowText, stderr))
        {
            return RunOutcome.UsageError;
        }

        // Both folders are checked, so one run lists every problem of either; their problems are this command's bad input.
        var baseline = options.GetValueOrDefault("baseline", defaultMappings);
        var before = OfflineCommands.LoadPolicy(baseline, stderr);
        var after = OfflineCommands.LoadPolicy(mappings, stderr);
        if (before is null || after is null)
        {
            return OfflineCommands.InputInvalid;
        }

        // One instant for both: a --now without an offset is local time in the changed mappings' time zone.
        var zone = after.Settings.TimeZone;
        var now = nowText is null ? time.GetUtcNow() : OfflineCommands.Instant(nowText, zone);
        var judged = fromState ? await FromStateAsync(state, before, after, now, time, stderr) : FromSnapshot(options["input"], before, after, now, stderr);
        if (judged is not var (old, current))
        {
            return OfflineCommands.InputInvalid;
        }

        var result = ReplayRun.Compare(old, current, now);
        foreach (var q in result.Quarantined)
        {
            stderr.WriteLine(Salesforce.ChatterText.OneLine($"quarantined Case {q.Id ?? "(no id)"}: {q.Reason}"));
        }

        if (format == "jsonl")
        {
            ReplayWriter.WriteJsonLines(stdout, result);
        }
        else if (format == "html")
        {
            // Added findings are drawn with the changed mappings' clocks, removed ones with the baseline's.
            var source = fromState ? "estado do worker" : options["input"];
            HtmlReport.RenderReplay(stdout, result.Added, result.Removed,
                new ReportContext(after, current.Cases, current.Org, now) { Source = source, MappingsSource = mappings },
                new ReportContext(before, old.Cases, old.Org, now) { Source = source, MappingsSource = baseline });
        }
        else
        {
            ReplayWriter.WriteText(stdout, result, mappings, baseline, zone);
        }

        return RunOutcome.Success;
    }

    private static (AuditResult, AuditResult)? FromSnapshot(string input, Policy before, Policy after, DateTimeOffset now, TextWriter stderr)
    {
        try
        {
            var snapshot = OrgSnapshot.Load(input, after.Settings.TimeZone);
            return (AuditRun.Evaluate(snapshot, before, now), AuditRun.Evaluate(snapshot, after, now));
        }
        catch (InvalidDataException ex)
        {
            stderr.WriteLine(Salesforce.ChatterText.OneLine(ex.Message));
            return null;
        }
    }

    /// <summary>The cases the worker tracks now, with the org around them, read under each mappings folder's own field names.</summary>
    private static async Task<(AuditResult, AuditResult)?> FromStateAsync(StateOptions state, Policy before, Policy after, DateTimeOffset now, TimeProvider time,
        TextWriter stderr)
    {
        var store = await ReadOnlyState.OpenAsync(state, time, stderr, default);
        if (store is null)
        {
            return null;
        }

        try
        {
            return (await JudgeAsync(store, before, now), await JudgeAsync(store, after, now));
        }
        finally
        {
            await ReadOnlyState.CloseAsync(store);
        }
    }

    private static async Task<AuditResult> JudgeAsync(AdoStateStore store, Policy policy, DateTimeOffset now)
    {
        var stored = await StoredState.LoadCasesAsync(store, policy, default);
        var cases = stored.Cases.Select(x => x.Case).ToList();
        var org = await StoredState.LoadOrgAsync(store, policy, cases, default);
        return AuditRun.Judge(cases, org, policy, now, stored.Unreadable.Select(u => new QuarantinedRecord(u.Id, u.Error)));
    }
}
