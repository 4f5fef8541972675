using System.Globalization;
using SfBridge.Mappings;

namespace SfBridge.Rules;

/// <summary>
/// Turns a draft into the Portuguese alert text: picks an approved template (rule id, else kind, else *), never
/// the one used last on the same case, and fills in the greeting for the local hour.
/// </summary>
public static class MessageComposer
{
    private const int MaxSubject = 120;

    public static (string TemplateId, string Message) Compose(FindingDraft draft, CaseSnapshot c, string pack, Policy policy, DateTimeOffset now, string? lastTemplateId)
    {
        var candidates = Candidates(policy, draft);
        if (candidates.Count == 0)
        {
            return ("", $"{Greeting(now, policy.Settings.TimeZone)}! Caso {c.CaseNumber}: {draft.Detail}.");
        }

        // Rotate deterministically by the breach instance; skip the template this case saw last.
        var start = (int)((uint)StableHash(draft.RuleId + draft.InstanceKey) % (uint)candidates.Count);
        var template = candidates[start];
        if (template.Id == lastTemplateId && candidates.Count > 1)
        {
            template = candidates[(start + 1) % candidates.Count];
        }

        var text = new System.Text.StringBuilder(template.Text.Length + draft.Detail.Length + 64);
        foreach (var (literal, placeholder) in template.Parts)
        {
            text.Append(placeholder switch
            {
                null => literal,
                "saudacao" => Greeting(now, policy.Settings.TimeZone),
                "caso" => c.CaseNumber,
                "assunto" => Clip(c.Subject ?? "sem assunto"),
                "detalhe" => draft.Detail,
                "prazo" => draft.DueAt is { } due ? TimeZoneInfo.ConvertTime(due, policy.Settings.TimeZone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "-",
                "pacote" => pack,
                _ => draft.RuleId,
            });
        }

        return (template.Id, text.ToString());
    }

    /// <summary>Bom dia before noon, Boa tarde until 18:00, Boa noite otherwise (local time).</summary>
    public static string Greeting(DateTimeOffset now, TimeZoneInfo zone)
    {
        var hour = TimeZoneInfo.ConvertTime(now, zone).Hour;
        return hour is >= 5 and < 12 ? "Bom dia" : hour is >= 12 and < 18 ? "Boa tarde" : "Boa noite";
    }

    private static IReadOnlyList<MessageTemplate> Candidates(Policy policy, FindingDraft draft) =>
        policy.TemplatesFor(draft.RuleId) is { Count: > 0 } byRule ? byRule
        : policy.TemplatesFor(draft.Kind.WireName()) is { Count: > 0 } byKind ? byKind
        : policy.TemplatesFor("*");

    private static string Clip(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxSubject ? oneLine : oneLine[..(MaxSubject - 1)] + "…";
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in text)
            {
                h = (h ^ ch) * 16777619;
            }

            return h;
        }
    }
}
