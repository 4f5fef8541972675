using System.Globalization;
using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Snapshots;

namespace SfBridge.Audit;

/// <summary>
/// The commands that need no org: <c>audit --input DIR --now ISO [--mappings DIR] [--format jsonl|table|html] [--instance-url URL]</c> and
/// <c>validate-mappings [--mappings DIR]</c>. Results go to standard output, problems to standard error.
/// </summary>
public static class OfflineCommands
{
    public const int MappingsInvalid = 3;
    public const int InputInvalid = 4;

    public static int ValidateMappings(string folder, TextWriter stdout, TextWriter stderr, TimeProvider? time = null)
    {
        var result = MappingLoader.Load(folder);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine($"{result.Errors.Count} problems in {folder}; nothing was applied");
            return MappingsInvalid;
        }

        stdout.WriteLine($"{folder}: OK: {result.Policy!.Summary()}");
        var today = DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        foreach (var calendar in result.Policy.Calendars.Values.Where(c => !c.IsAlwaysOpen && !c.Holidays.Covers(today, today.AddMonths(12))).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            stdout.WriteLine($"  warning calendars.csv: calendar {calendar.Name} has no holiday data for the next 12 months (to {today.AddMonths(12):yyyy-MM-dd}); " +
                             "set national_holidays (BR) or list its days off in holidays.csv");
        }

        foreach (var assumption in result.Policy.Rules.Values.Where(r => r.Assumption is not null).OrderBy(r => r.RuleId, StringComparer.Ordinal))
        {
            stdout.WriteLine($"  assumption {assumption.RuleId}: {assumption.Assumption}");
        }

        foreach (var tier in result.Policy.Tiers.Where(t => t.Assumption is not null))
        {
            stdout.WriteLine($"  assumption PIT-01 tier {tier.Tier}: {tier.Assumption}");
        }

        return RunOutcome.Success;
    }

    /// <summary>An ISO-8601 --now: with Z or an offset it is that instant; without one it is the local time of the mappings' time zone.</summary>
    internal static DateTimeOffset Instant(string text, TimeZoneInfo zone)
    {
        if (!TryIso(text, out var parsed))
        {
            throw new FormatException($"--now '{text}' is not an ISO-8601 instant");
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, zone.GetUtcOffset(parsed))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>
    /// An ISO-8601 date, or date and time (minutes, seconds or fractions; "T" or a space between; with Z, an offset or
    /// neither). Nothing else: "03/04/2026 14:00" is the 3rd of April to a Brazilian admin and the 4th of March to the
    /// invariant culture, so it is refused rather than guessed.
    /// </summary>
    internal static bool TryIso(string text, out DateTime parsed) =>
        DateTime.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out parsed);

    private static readonly string[] IsoFormats =
    [
        .. new[] { "'T'", " " }.SelectMany(separator => new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" }
            .SelectMany(time => new[] { $"yyyy-MM-dd{separator}{time}", $"yyyy-MM-dd{separator}{time}K" })),
        "yyyy-MM-dd",
    ];

    /// <summary>A --now that is absent or ISO-8601; otherwise one line on standard error.</summary>
    internal static bool NowIsValid(string? nowText, TextWriter stderr)
    {
        if (nowText is null || TryIso(nowText, out _))
        {
            return true;
        }

        stderr.WriteLine($"--now '{nowText}' is not an ISO-8601 instant (e.g. 2026-03-03T14:00:00-03:00)");
        return false;
    }

    /// <summary>The mappings as a policy; otherwise every problem on standard error, one line each.</summary>
    internal static Policy? LoadPolicy(string folder, TextWriter stderr)
    {
        var mappings = MappingLoader.Load(folder);
        if (mappings.Succeeded)
        {
            return mappings.Policy;
        }

        foreach (var error in mappings.Errors)
        {
            stderr.WriteLine(error);
        }

        stderr.WriteLine($"{mappings.Errors.Count} problems in {folder}; run validate-mappings after fixing them");
        return null;
    }

    /// <summary>An org address for record links: absolute, https (http only to loopback), nothing after the host.</summary>
    internal static bool TryInstanceUrl(string text, out Uri? url)
    {
        url = Uri.TryCreate(text.Trim(), UriKind.Absolute, out var u) && Salesforce.SecureUrl.IsAllowed(u) && u.UserInfo.Length == 0
              && u.AbsolutePath == "/" && u.Query.Length == 0 && u.Fragment.Length == 0
            ? u
            : null;
        return url is not null;
    }

    public static int Audit(IReadOnlyDictionary<string, string> options, string defaultMappings, TimeProvider time, TextWriter stdout, TextWriter stderr,
        AuditSpillOptions? spill = null)
    {
        if (!options.TryGetValue("input", out var input))
        {
            stderr.WriteLine("audit needs --input DIR (a folder with one <Object>.json per object)");
            return RunOutcome.UsageError;
        }

        var nowText = options.GetValueOrDefault("now");
        if (!NowIsValid(nowText, stderr))
        {
            return RunOutcome.UsageError;
        }

        var format = options.GetValueOrDefault("format", "jsonl");
        if (format is not ("jsonl" or "table" or "html"))
        {
            stderr.WriteLine($"--format must be jsonl, table or html, not '{format}'");
            return RunOutcome.UsageError;
        }

        Uri? instanceUrl = null;
        if (options.TryGetValue("instance-url", out var instanceText) && !TryInstanceUrl(instanceText, out instanceUrl))
        {
            // The value is not repeated: a pasted address can carry a session id or credentials.
            stderr.WriteLine("--instance-url must be the org's address, https://NAME.my.salesforce.com, without a path, query or credentials");
            return RunOutcome.UsageError;
        }

        if (LoadPolicy(options.GetValueOrDefault("mappings", defaultMappings), stderr) is not { } policy)
        {
            return MappingsInvalid;
        }

        var now = nowText is null ? time.GetUtcNow() : Instant(nowText, policy.Settings.TimeZone);
        var zone = policy.Settings.TimeZone;
        var mappingsSource = options.GetValueOrDefault("mappings", defaultMappings);
        ReportContext Around(IEnumerable<CaseSnapshot> cases, OrgContext org) =>
            new(policy, cases, org, now) { Source = input, MappingsSource = mappingsSource, InstanceUrl = instanceUrl };
        Func<Finding, ReportContext, string> print = format switch
        {
            "table" => (f, _) => FindingWriter.TableRow(f, zone),
            "html" => HtmlFinding.Render,
            _ => (f, _) => FindingWriter.JsonLine(f),
        };

        AuditStream audit;
        try
        {
            audit = AuditStream.Run(OrgSnapshot.Load(input, policy.Settings.TimeZone), policy, now, print, Around, spill ?? new AuditSpillOptions());
        }
        catch (InvalidDataException ex)
        {
            stderr.WriteLine(Salesforce.ChatterText.OneLine(ex.Message)); // one line naming the file, whatever the file held
            return InputInvalid;
        }
        catch (IOException ex)
        {
            stderr.WriteLine(Salesforce.ChatterText.OneLine(ex.Message)); // the temporary folder the findings could not be written to
            return RunOutcome.CycleFailed;
        }

        using (audit)
        {
            foreach (var q in audit.Totals.Quarantined)
            {
                stderr.WriteLine(Salesforce.ChatterText.OneLine($"quarantined Case {q.Id ?? "(no id)"}: {q.Reason}")); // the id and reason quote the file
            }

            if (format == "table")
            {
                FindingWriter.WriteTable(stdout, audit.Totals, audit.Findings(), zone, now);
            }
            else if (format == "html")
            {
                HtmlReport.RenderAudit(stdout, audit.Totals, audit.Findings(), Around([], audit.Org));
            }
            else
            {
                foreach (var f in audit.Findings())
                {
                    stdout.WriteLine(f.Text);
                }
            }
        }

        return RunOutcome.Success;
    }
}
