using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// Judges cases: picks the case's pack, runs that pack's enabled rules, then completes each finding with its
/// severity, at most 25 mentions and the composed message. Pure: the instant and every input are arguments.
/// </summary>
public sealed class PolicyEngine
{
    private readonly Policy _policy;
    private readonly Dictionary<string, IRule[]> _byPack;

    public PolicyEngine(Policy policy, IEnumerable<IRule>? rules = null)
    {
        _policy = policy;
        var all = (rules ?? RuleSet.All).ToList();
        _byPack = all.Where(r => policy.Rules.TryGetValue(r.Id, out var s) && s.Enabled)
            .GroupBy(r => RuleCatalog.Rules[r.Id].Pack)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public Policy Policy => _policy;

    /// <summary>
    /// Findings for many cases. A case the rules cannot judge (bad data reaching a rule) is reported through
    /// <paramref name="failed"/> and skipped; the others are still judged.
    /// </summary>
    public List<Finding> EvaluateEach(IEnumerable<CaseSnapshot> cases, OrgContext org, DateTimeOffset now, Action<CaseSnapshot, Exception> failed)
    {
        var findings = new List<Finding>();
        foreach (var c in cases)
        {
            try
            {
                findings.AddRange(Evaluate(c, org, now));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                failed(c, ex);
            }
        }

        return findings;
    }

    /// <summary>
    /// Findings for one case at <paramref name="now"/>. <paramref name="lastTemplateId"/> is the template of the last
    /// alert posted on this case, so the next one differs.
    /// </summary>
    public IReadOnlyList<Finding> Evaluate(CaseSnapshot c, OrgContext org, DateTimeOffset now, string? lastTemplateId = null, int level = 1)
    {
        var pack = PackSelector.PackOf(c, org, _policy);
        if (pack is null || !_byPack.TryGetValue(pack, out var rules))
        {
            return [];
        }

        var context = new RuleContext(c, org, _policy, pack, now, level);
        var drafts = new List<FindingDraft>();
        foreach (var rule in rules)
        {
            rule.Evaluate(context, drafts);
        }

        if (drafts.Count == 0)
        {
            return [];
        }

        var findings = new List<Finding>(drafts.Count);
        var last = lastTemplateId;
        foreach (var draft in drafts)
        {
            var (templateId, message) = MessageComposer.Compose(draft, c, pack, _policy, now, last);
            last = templateId;
            findings.Add(new Finding
            {
                CaseId = c.Id,
                CaseNumber = c.CaseNumber,
                Pack = pack,
                RuleId = draft.RuleId,
                Kind = draft.Kind,
                Severity = draft.Severity ?? _policy.Rules[draft.RuleId].Severity,
                DueAt = draft.DueAt,
                Mentions = draft.Mentions.Count <= ChatterPost.MaxMentions ? draft.Mentions : draft.Mentions.Take(ChatterPost.MaxMentions).ToList(),
                Message = message,
                Detail = draft.Detail,
                BreachKey = $"{draft.RuleId}|{c.Id}|{draft.InstanceKey}",
                TemplateId = templateId,
            });
        }

        return findings;
    }
}
