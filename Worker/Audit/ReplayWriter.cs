using System.Globalization;
using System.Text.Json;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Audit;

/// <summary>replay's two outputs: a diff for people (+ added, - removed, ~ changed, then counts per rule) and JSON lines for tools.</summary>
public static class ReplayWriter
{
    public static void WriteText(TextWriter output, ReplayResult result, string mappings, string baseline, TimeZoneInfo zone)
    {
        output.WriteLine($"SfBridge replay at {Local(result.At, zone)} ({zone.Id}): {result.CasesJudged} cases judged with {mappings} against {baseline}: " +
                         $"{result.Added.Count} added, {result.Removed.Count} removed, {result.Changed.Count} changed");
        foreach (var (change, f, before) in result.Lines())
        {
            var what = before is null ? ChatterText.OneLine(f.Message) : Describe(before, f, zone);
            output.WriteLine($"{change} {f.CaseNumber,-9} {f.RuleId,-11} {f.Severity.WireName(),-8} {f.Kind.WireName(),-24} {what}");
        }

        if (result.PerRule.Count == 0)
        {
            output.WriteLine("No finding appears, disappears or changes.");
            return;
        }

        output.WriteLine();
        output.WriteLine($"{"Rule",-11} {"added",7} {"removed",7} {"changed",7}");
        foreach (var r in result.PerRule)
        {
            output.WriteLine($"{r.RuleId,-11} {r.Added,7} {r.Removed,7} {r.Changed,7}");
        }
    }

    /// <summary>One line per difference, in the text's order: the audit's fields plus <c>change</c> (added, removed, changed) and, for a changed one, <c>before</c>.</summary>
    public static void WriteJsonLines(TextWriter output, ReplayResult result)
    {
        foreach (var (change, f, before) in result.Lines())
        {
            FindingWriter.WriteJsonLines(output, [f], (json, _) =>
            {
                json.WriteString("change", change switch { '+' => "added", '-' => "removed", _ => "changed" });
                if (before is not null)
                {
                    json.WriteStartObject("before");
                    json.WriteString("severity", before.Severity.WireName());
                    json.WriteString("kind", before.Kind.WireName());
                    json.WriteString("dueAt", before.DueAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    json.WriteStartArray("mentions");
                    foreach (var m in before.Mentions)
                    {
                        json.WriteStringValue(m);
                    }

                    json.WriteEndArray();
                    json.WriteString("message", before.Message);
                    json.WriteString("detail", before.Detail);
                    json.WriteEndObject();
                }
            });
        }
    }

    /// <summary>What changed under one breach key, old → new.</summary>
    private static string Describe(Finding before, Finding after, TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (before.Severity != after.Severity)
        {
            parts.Add($"severity {before.Severity.WireName()} → {after.Severity.WireName()}");
        }

        if (before.Kind != after.Kind)
        {
            parts.Add($"kind {before.Kind.WireName()} → {after.Kind.WireName()}");
        }

        if (before.DueAt != after.DueAt)
        {
            parts.Add($"due {Local(before.DueAt, zone)} → {Local(after.DueAt, zone)}");
        }

        if (!string.Equals(before.Detail, after.Detail, StringComparison.Ordinal))
        {
            parts.Add($"detail \"{ChatterText.OneLine(before.Detail)}\" → \"{ChatterText.OneLine(after.Detail)}\"");
        }

        var gone = before.Mentions.Except(after.Mentions, StringComparer.Ordinal).ToList();
        var come = after.Mentions.Except(before.Mentions, StringComparer.Ordinal).ToList();
        if (gone.Count > 0 || come.Count > 0)
        {
            parts.Add("mentions " + string.Join(' ', come.Select(m => "+" + m).Concat(gone.Select(m => "-" + m))));
        }

        return parts.Count > 0 ? string.Join("; ", parts) : "mentions reordered";
    }

    private static string Local(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } a ? TimeZoneInfo.ConvertTime(a, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "-";
}
