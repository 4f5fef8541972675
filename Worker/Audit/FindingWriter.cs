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

            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    /// <summary>Grouped by pack, then severity (worst first); due times in the policy's local time zone.</summary>
    public static void WriteTable(TextWriter output, AuditResult result, TimeZoneInfo zone, DateTimeOffset now)
    {
        output.WriteLine($"SfBridge audit at {Local(now, zone)} ({zone.Id}): {result.Findings.Count} findings in {result.CasesJudged} cases" +
                         (result.Quarantined.Count > 0 ? $", {result.Quarantined.Count} quarantined" : ""));
        foreach (var pack in result.Findings.GroupBy(f => f.Pack))
        {
            output.WriteLine();
            output.WriteLine($"== {pack.Key} ==");
            foreach (var severity in pack.GroupBy(f => f.Severity))
            {
                output.WriteLine($"  [{severity.Key.WireName()}]");
                output.WriteLine($"    {"Caso",-9} {"Regra",-11} {"Tipo",-24} {"Prazo",-16} Detalhe");
                foreach (var f in severity)
                {
                    var due = f.DueAt is { } d ? Local(d, zone) : "-";
                    output.WriteLine($"    {f.CaseNumber,-9} {f.RuleId,-11} {f.Kind.WireName(),-24} {due,-16} {f.Detail}");
                }
            }
        }
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
