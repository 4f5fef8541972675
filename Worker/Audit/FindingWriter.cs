using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>The audit's two outputs: JSON lines for tools, a table for people.</summary>
public static class FindingWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One finding per line with caseId, caseNumber, pack, ruleId, kind, severity, dueAt, mentions, message (+ detail,
    /// breachKey); <paramref name="more"/> adds a command's own fields to each line (replay's change).
    /// </summary>
    public static void WriteJsonLines(TextWriter output, IEnumerable<Finding> findings, Action<Utf8JsonWriter, Finding>? more = null)
    {
        foreach (var f in findings)
        {
            output.WriteLine(JsonLine(f, more));
        }
    }

    /// <summary>The line <see cref="WriteJsonLines"/> writes for <paramref name="f"/>, without its line break.</summary>
    public static string JsonLine(Finding f, Action<Utf8JsonWriter, Finding>? more = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("caseId", f.CaseId);
            json.WriteString("caseNumber", f.CaseNumber);
            json.WriteString("pack", f.Pack);
            json.WriteString("ruleId", f.RuleId);
            json.WriteString("kind", f.Kind.WireName());
            json.WriteString("severity", f.Severity.WireName());
            if (f.DueAt is { } due)
            {
                json.WriteString("dueAt", due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("dueAt");
            }

            json.WriteStartArray("mentions");
            foreach (var m in f.Mentions)
            {
                json.WriteStringValue(m);
            }

            json.WriteEndArray();
            json.WriteString("message", f.Message);
            json.WriteString("detail", f.Detail);
            json.WriteString("breachKey", f.BreachKey);
            more?.Invoke(json, f);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Grouped by pack, then severity (worst first); due times in the policy's local time zone. <paramref name="rows"/>
    /// are <see cref="TableRow"/>s in the output order (<see cref="PrintedFinding.OutputOrder"/>), written as they come.
    /// </summary>
    internal static void WriteTable(TextWriter output, AuditTotals totals, IEnumerable<PrintedFinding> rows, TimeZoneInfo zone, DateTimeOffset now)
    {
        output.WriteLine($"SfBridge audit at {Local(now, zone)} ({zone.Id}): {totals.Findings} findings in {totals.CasesJudged} cases" +
                         (totals.Quarantined.Count > 0 ? $", {totals.Quarantined.Count} quarantined" : ""));
        string? pack = null;
        Severity? severity = null;
        foreach (var row in rows)
        {
            if (row.Pack != pack)
            {
                (pack, severity) = (row.Pack, null);
                output.WriteLine();
                output.WriteLine($"== {pack} ==");
            }

            if (row.Severity != severity)
            {
                severity = row.Severity;
                output.WriteLine($"  [{row.Severity.WireName()}]");
                output.WriteLine($"    {"Caso",-9} {"Regra",-11} {"Tipo",-24} {"Prazo",-16} Detalhe");
            }

            output.WriteLine(row.Text);
        }
    }

    /// <summary>One finding's row of the table.</summary>
    internal static string TableRow(Finding f, TimeZoneInfo zone)
    {
        var due = f.DueAt is { } d ? Local(d, zone) : "-";
        // The detail quotes case text: on one line, without control characters, so it cannot forge a row or move the terminal.
        return $"    {Salesforce.ChatterText.OneLine(f.CaseNumber),-9} {f.RuleId,-11} {f.Kind.WireName(),-24} {due,-16} {Salesforce.ChatterText.OneLine(f.Detail)}";
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
