using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// Judges cases: decides the case's pack, runs that pack's enabled rules (and the rules that follow cases of other
/// packs), then completes each finding with its severity, at most 25 mentions and the composed message. A closed
/// case is judged once more, at its closed date, by the closing rules only. Pure: the instant and every input are
/// arguments.
/// </summary>
public sealed class PolicyEngine
{
    private readonly Policy _policy;
    private readonly Dictionary<string, IRule[]> _byPack;
    private readonly IRule[] _otherPacks;

    public PolicyEngine(Policy policy, IEnumerable<IRule>? rules = null)
    {
        _policy = policy;
        var enabled = (rules ?? RuleSet.All).Where(r => policy.Rules.TryGetValue(r.Id, out var s) && s.Enabled).ToList();
        _byPack = enabled.Where(r => !RuleCatalog.Rules[r.Id].OtherPacks)
            .GroupBy(r => RuleCatalog.Rules[r.Id].Pack)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _otherPacks = enabled.Where(r => RuleCatalog.Rules[r.Id].OtherPacks).ToArray();
    }

    public Policy Policy => _policy;

    /// <summary>The pack a case belongs to (null when no row of packs.csv matches it).</summary>
    public string? PackOf(CaseSnapshot c, OrgContext org) => PackSelector.PackOf(c, new CaseJourney(c, org), org, _policy);

    /// <summary>
    /// Findings for many cases. A case the rules cannot judge (bad data reaching a rule) is reported through
    /// <paramref name="failed"/> and skipped; the others are still judged. <paramref name="lastTemplate"/> gives the
    /// template of the last post on a case, so its next alert uses another one.
    /// </summary>
    public List<Finding> EvaluateEach(IEnumerable<CaseSnapshot> cases, OrgContext org, DateTimeOffset now, Action<CaseSnapshot, Exception> failed,
        Func<string, string?>? lastTemplate = null) =>
        JudgeEach(cases, org, now, failed, lastTemplate).SelectMany(j => j.Findings).ToList();

    /// <summary>Like <see cref="EvaluateEach"/>, with each judged case's next change (see <see cref="Judge"/>).</summary>
    public List<CaseJudgement> JudgeEach(IEnumerable<CaseSnapshot> cases, OrgContext org, DateTimeOffset now, Action<CaseSnapshot, Exception> failed,
        Func<string, string?>? lastTemplate = null)
    {
        var judged = new List<CaseJudgement>();
        foreach (var c in cases)
        {
            try
            {
                judged.Add(Judge(c, org, now, lastTemplate?.Invoke(c.Id)));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                failed(c, ex);
            }
        }

        return judged;
    }

    /// <summary>
    /// Findings for one case at <paramref name="now"/> (a closed case: at its closed date, by the closing rules).
    /// <paramref name="lastTemplateId"/> is the template of the last alert posted on this case, so the next one differs;
    /// <paramref name="level"/> and <paramref name="purpose"/> shape a reminder (whom it mentions, which templates).
    /// </summary>
    public IReadOnlyList<Finding> Evaluate(CaseSnapshot c, OrgContext org, DateTimeOffset now, string? lastTemplateId = null, int level = 1,
        string purpose = TemplatePurpose.Alert) => Judge(c, org, now, lastTemplateId, level, purpose).Findings;

    /// <summary>
    /// The findings of <see cref="Evaluate"/> and the earliest later instant at which they can change with nothing
    /// else changing (a clock warns or breaches, a promised return passes): the worker judges the case again then.
    /// A closed case has none: its closing judgement is its last.
    /// </summary>
    public CaseJudgement Judge(CaseSnapshot c, OrgContext org, DateTimeOffset now, string? lastTemplateId = null, int level = 1,
        string purpose = TemplatePurpose.Alert) => Judge(c, org, now, lastTemplateId, level, purpose, null);

    /// <summary>
    /// For each rule of the case's pack (and each rule that follows cases of other packs): its verdict (fired, ok,
    /// not-applicable, waiting), the reason in Portuguese, its findings and the clocks it measured. Empty when the case
    /// belongs to no pack.
    /// </summary>
    public IReadOnlyList<RuleExplanation> Explain(CaseSnapshot c, OrgContext org, DateTimeOffset now)
    {
        var trace = new RuleTrace();
        var judged = Judge(c, org, now, null, 1, TemplatePurpose.Alert, trace);
        var pack = PackSelector.PackOf(c, new CaseJourney(c, org), org, _policy);
        if (pack is null)
        {
            return [];
        }

        var ids = RuleCatalog.Rules.Where(r => r.Value.Pack == pack && !r.Value.OtherPacks)
            .Concat(RuleCatalog.Rules.Where(r => r.Value.OtherPacks && r.Value.Pack != pack))
            .Select(r => r.Key).ToList();
        var explanations = new List<RuleExplanation>(ids.Count);
        foreach (var id in ids)
        {
            var info = RuleCatalog.Rules[id];
            var findings = judged.Findings.Where(f => f.RuleId == id).ToList();
            var clocks = trace.Clocks(id);
            var (verdict, reason) =
                !_policy.Rules.TryGetValue(id, out var setting) || !setting.Enabled ? (Verdict.NotApplicable, "regra desligada em rules.csv")
                : c.IsClosed && !info.Closing ? (Verdict.NotApplicable, "o caso está encerrado, e esta regra não julga o encerramento")
                : findings.Count > 0 ? (Verdict.Fired, string.Join("; ", findings.Select(f => f.Detail ?? f.RuleId).Distinct(StringComparer.Ordinal)))
                : trace.Stated(id) ?? (Verdict.Ok, clocks.Count > 0 ? ClockReason(clocks[^1], _policy.Settings.TimeZone) : "nada a apontar");
            explanations.Add(new RuleExplanation(id, info.Pack, verdict, reason, findings, clocks));
        }

        return explanations;
    }

    /// <summary>A clock that raised nothing, as a person reads it.</summary>
    private static string ClockReason(Sla.ClockMeasurement m, TimeZoneInfo zone)
    {
        var target = m.Clock.Target.Describe();
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return m.Result.Status switch
        {
            Sla.ClockStatus.Met => $"cumprido em {Local(m.StoppedAt!.Value)}, dentro do prazo de {target}",
            Sla.ClockStatus.Paused => $"relógio pausado desde {Local(m.Pauses[^1].From)}; o prazo de {target} volta a correr quando a pausa terminar",
            _ => m.Result.DueAt is { } due ? $"dentro do prazo de {target}: vence em {Local(due)}" : $"dentro do prazo de {target}",
        };
    }

    private CaseJudgement Judge(CaseSnapshot c, OrgContext org, DateTimeOffset now, string? lastTemplateId, int level, string purpose, RuleTrace? trace)
    {
        var journey = new CaseJourney(c, org);
        var pack = PackSelector.PackOf(c, journey, org, _policy);
        var at = c.IsClosed && c.EndedAt is { } ended && ended < now ? ended : now;
        IEnumerable<IRule> rules = (pack is not null && _byPack.TryGetValue(pack, out var own) ? own : [])
            .Concat(_otherPacks.Where(r => RuleCatalog.Rules[r.Id].Pack != pack));
        if (c.IsClosed)
        {
            rules = rules.Where(r => RuleCatalog.Rules[r.Id].Closing);
        }

        var drafts = new List<(FindingDraft Draft, string Pack)>();
        DateTimeOffset? next = null;
        foreach (var group in rules.GroupBy(r => RuleCatalog.Rules[r.Id].Pack))
        {
            var context = new RuleContext(c, journey, org, _policy, group.Key, at, level) { Trace = trace };
            var found = new List<FindingDraft>();
            foreach (var rule in group)
            {
                context.CurrentRule = rule.Id;
                rule.Evaluate(context, found);
            }

            drafts.AddRange(found.Select(d => (d, group.Key)));
            next = context.NextChange is { } n && (next is null || n < next) ? n : next;
        }

        next = c.IsClosed ? null : next;
        if (drafts.Count == 0)
        {
            return new CaseJudgement(c.Id, [], next);
        }

        var findings = new List<Finding>(drafts.Count);
        var last = lastTemplateId;
        HashSet<string>? keys = drafts.Count > 1 ? new(StringComparer.Ordinal) : null;
        foreach (var (draft, rulePack) in drafts)
        {
            // Two instances a rule names alike (two messages sent in the same second) stay two breaches: the second is numbered.
            var key = $"{draft.RuleId}|{c.Id}|{draft.InstanceKey}";
            for (var n = 2; keys is not null && !keys.Add(key); n++)
            {
                key = $"{draft.RuleId}|{c.Id}|{draft.InstanceKey}#{n}";
            }

            var (templateId, message) = MessageComposer.Compose(draft, c, rulePack, _policy, at, last, purpose);
            last = templateId;
            findings.Add(new Finding
            {
                CaseId = c.Id,
                CaseNumber = c.CaseNumber,
                Pack = rulePack,
                RuleId = draft.RuleId,
                Kind = draft.Kind,
                Severity = draft.Severity ?? _policy.Rules[draft.RuleId].Severity,
                DueAt = draft.DueAt,
                Mentions = draft.Mentions.Count <= ChatterPost.MaxMentions ? draft.Mentions : draft.Mentions.Take(ChatterPost.MaxMentions).ToList(),
                Message = message,
                Detail = draft.Detail,
                BreachKey = key,
                TemplateId = templateId,
                MentionGaps = draft.MentionGaps,
            });
        }

        return new CaseJudgement(c.Id, findings, next);
    }
}

/// <summary>One case judged: its findings, and the next instant its verdict can change by time alone (null: none ahead).</summary>
public sealed record CaseJudgement(string CaseId, IReadOnlyList<Finding> Findings, DateTimeOffset? NextChange);
