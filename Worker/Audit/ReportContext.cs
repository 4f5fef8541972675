using System.Globalization;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Sla;

namespace SfBridge.Audit;

/// <summary>
/// What the HTML report knows besides the findings: the cases and org they were judged from, the policy and instant
/// they were judged with (the clocks are asked of the engine's explain with the same three), where the cases came
/// from and, when known, the org's instance URL for links to each case.
/// </summary>
public sealed class ReportContext
{
    private readonly Dictionary<string, CaseSnapshot> _cases;
    private readonly Dictionary<string, IReadOnlyList<RuleExplanation>> _explained = new(StringComparer.Ordinal);
    private readonly PolicyEngine _engine;

    public ReportContext(Policy policy, IEnumerable<CaseSnapshot> cases, OrgContext org, DateTimeOffset now)
    {
        Policy = policy;
        Org = org;
        Now = now;
        _cases = cases.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _engine = new PolicyEngine(policy);
    }

    public Policy Policy { get; }

    public OrgContext Org { get; }

    public DateTimeOffset Now { get; }

    /// <summary>Where the cases came from, as the header shows it: the snapshot folder, or the worker's state.</summary>
    public string Source { get; init; } = "";

    /// <summary>The mappings folder the findings were judged with (the header shows it when set).</summary>
    public string? MappingsSource { get; init; }

    /// <summary>The org's address (https://acme.my.salesforce.com); null leaves case numbers without links.</summary>
    public Uri? InstanceUrl { get; init; }

    public TimeZoneInfo Zone => Policy.Settings.TimeZone;

    public CaseSnapshot? Case(string caseId) => _cases.GetValueOrDefault(caseId);

    /// <summary>dd/MM/yyyy HH:mm in the mappings' time zone.</summary>
    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Lightning page of the case, or null without an instance URL or with an id that is not one.</summary>
    public string? RecordLink(string caseId) => InstanceUrl is { } url && SalesforceId.IsValid(caseId)
        ? $"{url.GetLeftPart(UriPartial.Authority)}/lightning/r/Case/{caseId}/view"
        : null;

    /// <summary>The case owner's name: the user or queue when known, else the Id.</summary>
    public string Owner(CaseSnapshot? c) =>
        c is null ? "desconhecido"
        : Org.User(c.OwnerId)?.Name ?? Org.Group(c.OwnerId)?.Name ?? c.OwnerName ?? c.OwnerId ?? "sem proprietário";

    /// <summary>A mentioned user or Chatter group by name: the org's user, else the mention route's name, else the Id.</summary>
    public string MentionName(string id) =>
        Org.User(id)?.Name
        ?? Policy.Mentions.FirstOrDefault(m => SalesforceId.AreEqual(m.MentionId, id) && !string.IsNullOrWhiteSpace(m.Name))?.Name
        ?? id;

    /// <summary>
    /// The clock the finding's rule measured, from the engine's explain of its case: the one due when the finding is
    /// due; for an SLA finding without such a match, the rule's last clock (as explain reports it). Null when none.
    /// </summary>
    public ClockMeasurement? Clock(Finding finding)
    {
        if (Case(finding.CaseId) is not { } c)
        {
            return null;
        }

        if (!_explained.TryGetValue(c.Id, out var rules))
        {
            _explained[c.Id] = rules = _engine.Explain(c, Org, Now);
        }

        var clocks = rules.FirstOrDefault(r => r.RuleId == finding.RuleId)?.Clocks ?? [];
        var sla = finding.Kind is FindingKind.SlaBreach or FindingKind.SlaWarning;
        return clocks.LastOrDefault(m => m.Result.DueAt is { } due && due == finding.DueAt) ?? (sla && clocks.Count > 0 ? clocks[^1] : null);
    }

    /// <summary>The instant a clock stops counting for this report: its stop, or the judging instant.</summary>
    public DateTimeOffset EndOf(ClockMeasurement m) => m.StoppedAt is { } s && s < Now ? s : Now;
}
