using System.Globalization;
using System.Text;
using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// Turns a finding into Portuguese text from the approved templates (templates.csv): the templates of its purpose
/// (alert, reminder, resolution) for its rule id, else its kind, else *; never the template the case's previous post
/// used; the greeting follows the local hour.
/// </summary>
public static partial class MessageComposer
{
    private const int MaxSubject = 120;

    public static (string TemplateId, string Message) Compose(MessageFields f, Policy policy, DateTimeOffset now, string? lastTemplateId, string purpose)
    {
        var template = Choose(f.RuleId, f.Kind, f.InstanceKey, policy, lastTemplateId, purpose);
        return (template?.Id ?? "", Write(template, f, policy, now));
    }

    /// <summary>
    /// The template a message uses: among those of its purpose for its rule id, else its kind, else *, one chosen by the
    /// breach instance, never <paramref name="lastTemplateId"/> when there is another. A reminder whose rule or kind has one
    /// template, the last used, takes the kind's or the * ones (a reminder every two hours is not the same post again);
    /// a first alert keeps its own wording (a critical mark says so). Null only
    /// for a hand-built policy without a * template (loading refuses such a templates.csv).
    /// </summary>
    public static MessageTemplate? Choose(string ruleId, FindingKind kind, string instanceKey, Policy policy, string? lastTemplateId, string purpose)
    {
        var candidates = policy.TemplatesFor(ruleId, purpose) is { Count: > 0 } byRule ? byRule
            : policy.TemplatesFor(kind.WireName(), purpose) is { Count: > 0 } byKind ? byKind
            : policy.TemplatesFor("*", purpose);
        if (candidates.Count == 0)
        {
            return null;
        }

        if (purpose == TemplatePurpose.Reminder && candidates.Count == 1 && candidates[0].Id == lastTemplateId)
        {
            candidates = policy.TemplatesFor(kind.WireName(), purpose) is { Count: > 0 } ofKind && (ofKind.Count > 1 || ofKind[0].Id != lastTemplateId) ? ofKind
                : policy.TemplatesFor("*", purpose) is { Count: > 0 } any && (any.Count > 1 || any[0].Id != lastTemplateId) ? any
                : candidates;
        }

        // Rotate deterministically by the breach instance; skip the template this case saw last.
        var start = (int)((uint)StableHash(ruleId, instanceKey) % (uint)candidates.Count);
        var template = candidates[start];
        return template.Id == lastTemplateId && candidates.Count > 1 ? candidates[(start + 1) % candidates.Count] : template;
    }

    /// <summary>The text of <paramref name="template"/> with the placeholders filled in (a plain sentence without one).</summary>
    public static string Write(MessageTemplate? template, MessageFields f, Policy policy, DateTimeOffset now)
    {
        if (template is null)
        {
            return $"{Greeting(now, policy.Settings.TimeZone)}! Caso {f.CaseNumber}: {f.Detail}.";
        }

        var text = new StringBuilder(template.Text.Length + f.Detail.Length + 64);
        foreach (var (literal, placeholder) in template.Parts)
        {
            text.Append(placeholder switch
            {
                null => literal,
                "saudacao" => Greeting(now, policy.Settings.TimeZone),
                "caso" => f.CaseNumber,
                "assunto" => Quoted(Clip(f.Subject ?? "sem assunto")),
                "detalhe" => Quoted(ChatterText.OneLine(f.Detail)), // details quote case fields (categories, order numbers, names)
                "prazo" => f.DueAt is { } due ? Deadline(TimeZoneInfo.ConvertTime(due, policy.Settings.TimeZone)) : "-",
                "pacote" => PackName(f.Pack),
                "quantidade" => f.Count.ToString(CultureInfo.InvariantCulture),
                "pendencias" => Pending(f.Count - f.Resolved, f.Resolved),
                "equipe" => f.Team ?? f.Pack,
                _ => f.RuleId,
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// What a post lists, counted as Portuguese says it: "1 pendência", "3 pendências", "2 pendências resolvidas",
    /// "2 pendências e 1 resolvida".
    /// </summary>
    public static string Pending(int open, int resolved)
    {
        static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? one : many);
        return resolved <= 0 ? Count(open, " pendência", " pendências")
            : open <= 0 ? Count(resolved, " pendência resolvida", " pendências resolvidas")
            : Count(open, " pendência", " pendências") + " e " + Count(resolved, " resolvida", " resolvidas");
    }

    /// <summary>
    /// A deadline as people read one: its local date and time, and one at local midnight as the end of the day before
    /// ("09/03/2026 (fim do dia)"), not as 00:00 of a day the case was never given (SS-03: 7 days after the opening date).
    /// </summary>
    internal static string Deadline(DateTimeOffset local) =>
        local.TimeOfDay == TimeSpan.Zero ? local.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " (fim do dia)"
            : local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A pack as its people name it in a post ("Pit Stop", not its id "pitstop").</summary>
    public static string PackName(string pack) => pack switch
    {
        RuleCatalog.Gso => "GSO",
        RuleCatalog.PitStop => "Pit Stop",
        RuleCatalog.SpecialService => "Special Service",
        RuleCatalog.Protocol => "Protocolo",
        RuleCatalog.Billing => "Faturamento",
        _ => pack,
    };

    /// <summary>Bom dia before noon, Boa tarde until 18:00, Boa noite otherwise (local time).</summary>
    public static string Greeting(DateTimeOffset now, TimeZoneInfo zone)
    {
        var hour = TimeZoneInfo.ConvertTime(now, zone).Hour;
        return hour is >= 5 and < 12 ? "Bom dia" : hour is >= 12 and < 18 ? "Boa tarde" : "Boa noite";
    }

    /// <summary>
    /// One line, at most 120 text elements, cut between graphemes (never inside a surrogate pair or an emoji sequence),
    /// without control or invisible format characters (a bidi override in a subject must not reorder the alert).
    /// </summary>
    private static string Clip(string text) => ChatterText.ClipElements(ChatterText.OneLine(text), MaxSubject);

    /// <summary>
    /// Case text as a post quotes it: "[SFB-" written "(SFB-", since only SfBridge writes an alert's reference in brackets and
    /// a new or lost state database takes every bracketed reference in its earlier posts for an alert already posted; and an
    /// address written so Chatter does not make it a link ("https[:]//", "www[.]"), since a link in a post by SfBridge would
    /// lend a customer's address SfBridge's standing.
    /// </summary>
    internal static string Quoted(string text)
    {
        if (text.Contains("[SFB-", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Replace("[SFB-", "(SFB-", StringComparison.OrdinalIgnoreCase);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            text = text.Replace("://", "[:]//", StringComparison.Ordinal);
        }

        return text.Contains("www.", StringComparison.OrdinalIgnoreCase) ? WebPrefix().Replace(text, m => m.Value[..3] + "[.]") : text;
    }

    /// <summary>"www." where a word starts: Chatter links it without a scheme.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\p{N}_.-])www\.", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WebPrefix();

    /// <summary>FNV-1a over the rule id and then the instance key (as over their concatenation, without making it).</summary>
    private static int StableHash(string ruleId, string instanceKey)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in ruleId)
            {
                h = (h ^ ch) * 16777619;
            }

            foreach (var ch in instanceKey)
            {
                h = (h ^ ch) * 16777619;
            }

            return h;
        }
    }
}
