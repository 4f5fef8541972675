using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// Judges cases: decides the case's pack, runs that pack's enabled rules (and the rules that follow cases of other
/// packs), then completes each finding with its severity, at most 25 mentions and its message's template; the text is
/// written when the message is first read, so only for the findings posted or printed. A closed case is judged once
/// more, at its closed date, by the closing rules only. Pure: the instant and every input are arguments.
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
        foreach (var pack in RuleCatalog.Packs.Concat(_byPack.Keys).Distinct(StringComparer.Ordinal))
        {
            _plans[pack] = (Plan(pack, closed: false), Plan(pack, closed: true));
        }

        _noPack = (Plan(null, closed: false), Plan(null, closed: true));

        // The policy builds its template, mention and category indexes on first use; build them here, before cases are
        // judged on several threads, so no thread sees one half-built.
        policy.TemplatesFor("*");
        policy.MentionLevels("");
        policy.Category(RuleCatalog.Gso, "-");
    }

    private readonly Dictionary<string, (RuleGroup[] Open, RuleGroup[] Closed)> _plans = new(StringComparer.Ordinal);
    private readonly (RuleGroup[] Open, RuleGroup[] Closed) _noPack;

    /// <summary>
    /// Cases below this count are judged on the calling thread: splitting them costs more than it saves. Below the
    /// sweep's batch (<c>Sync:SweepBatch</c>, 500 by default), so a sweep's batches are judged on every core.
    /// </summary>
    private const int ParallelThreshold = 256;

    /// <summary>The rules one case of a pack runs, grouped by the pack each rule belongs to (the case's own first).</summary>
    private sealed record RuleGroup(string Pack, IRule[] Rules);

    private RuleGroup[] Plan(string? pack, bool closed)
    {
        IEnumerable<IRule> rules = (pack is not null && _byPack.TryGetValue(pack, out var own) ? own : [])
            .Concat(_otherPacks.Where(r => RuleCatalog.Rules[r.Id].Pack != pack));
        if (closed)
        {
            rules = rules.Where(r => RuleCatalog.Rules[r.Id].Closing);
        }

        return rules.GroupBy(r => RuleCatalog.Rules[r.Id].Pack).Select(g => new RuleGroup(g.Key, g.ToArray())).ToArray();
    }

    private RuleGroup[] PlanOf(string? pack, bool closed)
    {
        var plans = pack is null ? _noPack : _plans.TryGetValue(pack, out var known) ? known : (Open: Plan(pack, false), Closed: Plan(pack, true));
        return closed ? plans.Closed : plans.Open;
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

    /// <summary>
    /// Like <see cref="EvaluateEach"/>, with each judged case's next change (see <see cref="Judge"/>). Many cases are
    /// judged on every core: the judgements come back in input order, and <paramref name="failed"/> and
    /// <paramref name="lastTemplate"/> are called on the calling thread, in input order, as when judged one by one.
    /// </summary>
    public List<CaseJudgement> JudgeEach(IEnumerable<CaseSnapshot> cases, OrgContext org, DateTimeOffset now, Action<CaseSnapshot, Exception> failed,
        Func<string, string?>? lastTemplate = null)
    {
        var list = cases as IReadOnlyList<CaseSnapshot> ?? cases.ToList();
        var templates = new string?[list.Count];
        if (lastTemplate is not null)
        {
            for (var i = 0; i < list.Count; i++)
            {
                templates[i] = lastTemplate(list[i].Id);
            }
        }

        var results = new CaseJudgement?[list.Count];
        var errors = new Exception?[list.Count];
        if (list.Count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            JudgeRange(list, org, now, templates, results, errors, 0, list.Count);
        }
        else
        {
            // Contiguous ranges, a few per core, so a slow stretch of cases does not leave a core idle.
            var chunk = Math.Max(64, list.Count / (Environment.ProcessorCount * 8));
            Parallel.For(0, (list.Count + chunk - 1) / chunk, k => JudgeRange(list, org, now, templates, results, errors, k * chunk, Math.Min(list.Count, (k + 1) * chunk)));
        }

        var judged = new List<CaseJudgement>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (results[i] is { } judgement)
            {
                judged.Add(judgement);
            }
            else if (errors[i] is { } ex)
            {
                if (!IsCaseError(ex))
                {
                    // Not bad data but a fault: it escapes as it would have judging the cases one by one.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
                }

                failed(list[i], ex);
            }
        }

        return judged;
    }

    private void JudgeRange(IReadOnlyList<CaseSnapshot> cases, OrgContext org, DateTimeOffset now, string?[] templates, CaseJudgement?[] results,
        Exception?[] errors, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            try
            {
                results[i] = Judge(cases[i], org, now, templates[i]);
            }
            catch (Exception ex)
            {
                errors[i] = ex;
                if (!IsCaseError(ex))
                {
                    return; // the whole batch fails with it; the cases after it need not be judged
                }
            }
        }
    }

    /// <summary>Bad data reaching a rule: the case is reported and skipped, the others are still judged.</summary>
    private static bool IsCaseError(Exception ex) => ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException;

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
            // A clock past its target that the rule judged without a finding (PRO-01's protocol judged 30 minutes after its
            // opening, every field filled): the deadline came, and nothing was missing at it.
            Sla.ClockStatus.Breached => m.Result.DueAt is { } reached ? $"prazo de {target} atingido em {Local(reached)}; nada a apontar" : $"prazo de {target} atingido; nada a apontar",
            _ => m.Result.DueAt is { } due ? $"dentro do prazo de {target}: vence em {Local(due)}" : $"dentro do prazo de {target}",
        };
    }

    private CaseJudgement Judge(CaseSnapshot c, OrgContext org, DateTimeOffset now, string? lastTemplateId, int level, string purpose, RuleTrace? trace)
    {
        var journey = new CaseJourney(c, org);
        var pack = PackSelector.PackOf(c, journey, org, _policy);
        var at = c.IsClosed && c.EndedAt is { } ended && ended < now ? ended : now;
        var drafts = new List<(FindingDraft Draft, string Pack)>();
        var found = new List<FindingDraft>();
        DateTimeOffset? next = null;
        HashSet<string>? paused = null;
        var shared = new CaseWork();
        foreach (var group in PlanOf(pack, c.IsClosed))
        {
            var context = new RuleContext(c, journey, org, _policy, group.Pack, at, level) { Trace = trace, Shared = shared };
            found.Clear();
            foreach (var rule in group.Rules)
            {
                context.CurrentRule = rule.Id;
                rule.Evaluate(context, found);
            }

            foreach (var draft in found)
            {
                drafts.Add((draft, group.Pack));
            }

            next = context.NextChange is { } n && (next is null || n < next) ? n : next;
            if (context.PausedRules is { } p)
            {
                (paused ??= new(StringComparer.Ordinal)).UnionWith(p);
            }
        }

        next = c.IsClosed ? null : next;
        if (drafts.Count == 0)
        {
            return new CaseJudgement(c.Id, [], next) { PausedRules = paused };
        }

        var findings = new List<Finding>(drafts.Count);
        var last = lastTemplateId;
        HashSet<string>? keys = drafts.Count > 1 ? new(drafts.Count, StringComparer.Ordinal) : null;
        foreach (var (draft, rulePack) in drafts)
        {
            // Two instances a rule names alike (two messages sent in the same second) stay two breaches: the second is numbered.
            var key = $"{draft.RuleId}|{c.Id}|{draft.InstanceKey}";
            for (var n = 2; keys is not null && !keys.Add(key); n++)
            {
                key = $"{draft.RuleId}|{c.Id}|{draft.InstanceKey}#{n}";
            }

            // The template is chosen now (the next finding of the case avoids it); the text is written if the message is read.
            // A breach over before its first post (met late) is told as a record, not as something to act on.
            var template = (draft.Settled && purpose == TemplatePurpose.Alert ? MessageComposer.Choose(draft.RuleId, draft.Kind, draft.InstanceKey, _policy, last, TemplatePurpose.Late) : null)
                           ?? MessageComposer.Choose(draft.RuleId, draft.Kind, draft.InstanceKey, _policy, last, purpose);
            var templateId = template?.Id ?? "";
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
                Since = draft.Since ?? draft.DueAt,
                Settled = draft.Settled,
                Mentions = draft.Mentions.Count <= ChatterPost.MaxMentions ? draft.Mentions : draft.Mentions.Take(ChatterPost.MaxMentions).ToList(),
                Pending = new PendingMessage(template, c.Subject, draft.InstanceKey, _policy, at),
                Detail = draft.Detail,
                BreachKey = key,
                TemplateId = templateId,
                MentionGaps = draft.MentionGaps,
            });
        }

        return new CaseJudgement(c.Id, findings, next) { PausedRules = paused };
    }
}

/// <summary>One case judged: its findings, and the next instant its verdict can change by time alone (null: none ahead).</summary>
public sealed record CaseJudgement(string CaseId, IReadOnlyList<Finding> Findings, DateTimeOffset? NextChange)
{
    /// <summary>The rules whose clock stands paused on the case (null: none): what of theirs stopped holding is on hold, not resolved.</summary>
    public IReadOnlySet<string>? PausedRules { get; init; }
}
