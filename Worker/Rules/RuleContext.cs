using System.Globalization;
using System.Runtime.CompilerServices;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.Sla;

namespace SfBridge.Rules;

/// <summary>Everything one rule evaluation may read, plus the helpers rules share. No I/O, no clock.</summary>
public sealed class RuleContext(CaseSnapshot @case, CaseJourney journey, OrgContext org, Policy policy, string pack, DateTimeOffset now, int level = 1)
{
    private HashSet<string>? _gaps;
    private bool? _isOpen;

    public CaseSnapshot Case { get; } = @case;

    /// <summary>Where the case has been: the first time it reached each queue.</summary>
    public CaseJourney Journey { get; } = journey;

    public OrgContext Org { get; } = org;

    public Policy Policy { get; } = policy;

    public string Pack { get; } = pack;

    /// <summary>
    /// When the case came to <see cref="Pack"/>: its creation, unless only a queue row of packs.csv brings it in, and it
    /// reached that queue later (a case moved to the CMC's queue at 09:40 is the CMC's from 09:40).
    /// </summary>
    public DateTimeOffset PackSince => PackArrival.At;

    /// <summary>When the case came to its pack (<see cref="PackSince"/>) and who moved it there (null: the pack's from its creation).</summary>
    public (DateTimeOffset At, string? ById) PackArrival => _packArrival ??= PackSelector.Arrival(Case, Journey, Org, Policy, Pack);

    private (DateTimeOffset At, string? ById)? _packArrival;

    /// <summary>The instant judged at: now, or the closed date for the judgement a case gets when it closes.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// The earliest instant after <see cref="Now"/> at which a rule's verdict can change with nothing else changing
    /// (a clock warns or breaches, a promised return passes, an absence starts): the worker judges the case again then.
    /// </summary>
    public DateTimeOffset? NextChange { get; private set; }

    /// <summary>
    /// Notes a deadline that is broken only once passed (at the due instant itself the target is used, not exceeded):
    /// the verdict changes a millisecond later.
    /// </summary>
    public void ExpectPast(DateTimeOffset? due) => Expect(due + SlaClock.PastAfter);

    /// <summary>Whether a deadline noted with <see cref="ExpectPast"/> is broken at <see cref="Now"/>: from the millisecond after it.</summary>
    public bool IsPast(DateTimeOffset due) => Now >= due + SlaClock.PastAfter;

    /// <summary>The instant a local day starts in a time zone.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Notes an instant at which a verdict changes by the passing of time alone (earlier instants are ignored).</summary>
    public void Expect(DateTimeOffset? at)
    {
        if (at is { } a && a > Now && (NextChange is null || a < NextChange))
        {
            NextChange = a;
        }
    }

    /// <summary>Escalation level the mentions are resolved at (1 for a first alert; reminders climb).</summary>
    public int Level { get; } = level;

    public PolicySettings Settings => Policy.Settings;

    /// <summary>Contacts, actions and internal comments under the shared definitions.</summary>
    public CaseActivity Activity => Shared.Activity ??= new CaseActivity(Case, Org, Settings);

    /// <summary>What every rule group of one judgement reads alike, worked out once per case (the engine shares it).</summary>
    internal CaseWork Shared { get => _shared ??= new(); init => _shared = value; }

    private CaseWork? _shared;

    public bool IsOpen => _isOpen ??= !Case.IsClosed && !PolicySettings.Is(Settings.ClosedStatuses, Case.Status);

    public QueueInfo? OwnerQueue => Org.Group(Case.OwnerId);

    public bool StatusIs(string status) => TextKey.Of(Case.Status) == TextKey.Of(status);

    /// <summary>A queue by developer name (mappings name queues, the org holds their ids).</summary>
    public QueueInfo? Queue(string developerName) => Org.GroupByName(developerName);

    /// <summary>When the case first reached the named queue (and who sent it), if it did.</summary>
    public (DateTimeOffset At, string? ById)? Reached(string queueDeveloperName) => Queue(queueDeveloperName) is { } q ? Journey.FirstReached(q.Id) : null;

    /// <summary>
    /// Whether when the case reached the queue is unknown: the org keeps no owner history and Omni-Channel never routed the
    /// case there (or its routing is not read yet: the Omni-Channel sync runs apart from the case sync). The journey then
    /// dates the arrival at the case's creation, the earliest it can have been, not when it was. When unknown, the rule is
    /// recorded as waiting for it.
    /// </summary>
    public bool ArrivalUnknown(QueueInfo queue)
    {
        if (Org.TracksOwnerHistory || Case.Changes(FieldChange.OwnerField).Count > 0 || Journey.RoutedInto(queue.Id))
        {
            return false;
        }

        Waiting($"a org não guarda o histórico de proprietário, e a chegada do caso à fila {queue.Name ?? queue.DeveloperName} só é conhecida pelo roteamento do Omni-Channel, ainda não lido");
        return true;
    }

    public SlaClock Clock(string ruleId)
    {
        var setting = Policy.Rules[ruleId];
        return Clock(ruleId, setting.Calendar, setting.Target!.Value);
    }

    /// <summary>A clock on a calendar with a target (a Pit Stop tier's), traced for explain when asked.</summary>
    public SlaClock Clock(string ruleId, string calendar, SlaTarget target)
    {
        var setting = Policy.Rules[ruleId];
        return new SlaClock(Policy.Calendar(calendar), target, setting.WarningShare) { Observer = Trace is { } trace ? Traced(trace, ruleId) : null };
    }

    // Apart, so a clock judged without a trace allocates no closure.
    private static Action<ClockMeasurement> Traced(RuleTrace trace, string ruleId) => m => trace.Clock(ruleId, m);

    /// <summary>Collects verdicts and clocks for explain; null when judging normally.</summary>
    public RuleTrace? Trace { get; init; }

    /// <summary>
    /// The rule being evaluated (set by the engine before each rule), so what is traced is attributed to it. A new rule
    /// starts without the mention gaps of people the rule before it looked up and did not mention.
    /// </summary>
    public string CurrentRule
    {
        get => _currentRule;
        internal set
        {
            _currentRule = value;
            _gaps?.Clear();
        }
    }

    private string _currentRule = "";

    /// <summary>
    /// The rules whose clock stands paused now (the case waits on the customer): a warning of theirs that no longer holds
    /// was put on hold, not resolved. Null while none is.
    /// </summary>
    public HashSet<string>? PausedRules { get; private set; }

    /// <summary>Says why the rule does not apply to this case (explain shows it; judging ignores it).</summary>
    public void NotApplicable(string reason) => Trace?.State(CurrentRule, Verdict.NotApplicable, reason);

    /// <summary><see cref="NotApplicable(string)"/> for a reason with values in it, written only when explain listens.</summary>
    public void NotApplicable([InterpolatedStringHandlerArgument("")] ref ReasonText reason) => Trace?.State(CurrentRule, Verdict.NotApplicable, reason.ToStringAndClear());

    /// <summary>
    /// For a clock rule that also judges a case at its closing: whether it may judge this one, open, or closed by Salesforce
    /// (the closing judgement). A case in a status that ends it which Salesforce does not flag closed is neither: no closing
    /// judgement comes for it, and its clock must not run on.
    /// </summary>
    public bool RequireOpenOrClosedBySalesforce() => Case.IsClosed || RequireOpen();

    /// <summary>Whether the case is open; when not, says so for explain (the rules that judge open cases only).</summary>
    public bool RequireOpen()
    {
        if (!IsOpen)
        {
            NotApplicable($"o status \"{Case.Status}\" conta como caso encerrado");
        }

        return IsOpen;
    }

    /// <summary>
    /// When the case reached the <paramref name="target"/> queue without having been in the <paramref name="required"/>
    /// queue before (owner history, routing): that arrival. Null when it did pass through it, never reached the target,
    /// or the owner history is missing (the queue it came from may be invisible) or the required queue is not in the org
    /// under its configured name: no accusation on a guess. The members of <paramref name="alsoPeopleOf"/> (group or queue
    /// DeveloperNames) are the step's people as much as the required queue's own.
    /// </summary>
    public (DateTimeOffset At, string? ById)? ReachedBypassing(string target, string required, IReadOnlyCollection<string>? alsoPeopleOf = null) =>
        Bypassing(target, required, alsoPeopleOf, explain: true);

    /// <summary><see cref="ReachedBypassing"/> for a rule that only asks, and whose explain says nothing of the queues.</summary>
    public bool Bypassed(string target, string required) => Bypassing(target, required, null, explain: false) is not null;

    private (DateTimeOffset At, string? ById)? Bypassing(string target, string required, IReadOnlyCollection<string>? alsoPeopleOf, bool explain)
    {
        if (!Journey.KnowsEveryQueue)
        {
            if (explain)
            {
                Waiting("sem histórico de proprietário do caso, a passagem pelas filas não pode ser conferida");
            }

            return null;
        }

        if (Reached(target) is not { } arrival)
        {
            if (explain)
            {
                NotApplicable($"o caso não chegou à fila {Queue(target)?.Name ?? target}");
            }

            return null;
        }

        if (Reached(required) is { } before && before.At <= arrival.At)
        {
            return null;
        }

        // A queue the org does not show under its configured name (not synced yet, or spelt otherwise in the org): whether
        // the case passed through it cannot be told.
        if (Queue(required) is not { } step)
        {
            if (explain)
            {
                Waiting($"a fila {required} não foi encontrada na org, a passagem por ela não pode ser conferida");
            }

            return null;
        }

        // The queue's people are the step as much as the queue: one of its members held the case before, or sent it on.
        var groups = alsoPeopleOf?.Select(Queue).OfType<QueueInfo>().ToList() ?? [];
        bool IsMember(string? id) => Org.IsMember(step.Id, id) || groups.Exists(g => Org.IsMember(g.Id, id));
        var changes = Case.Changes(FieldChange.OwnerField).Where(h => SalesforceId.IsValid(h.NewValue)).ToList();
        var firstOwner = changes.Count > 0 ? changes[0].OldValue : Case.OwnerId;
        var member = IsMember(arrival.ById) ? arrival.ById : IsMember(firstOwner) ? firstOwner : changes.Find(h => h.At <= arrival.At && IsMember(h.NewValue))?.NewValue;
        if (member is not null)
        {
            if (explain)
            {
                NotApplicable($"o caso passou por {UserName(member)}, da fila {step.Name ?? step.DeveloperName}");
            }

            return null;
        }

        return arrival;
    }

    /// <summary>Says what the rule waits for before it can judge (explain shows it; judging ignores it).</summary>
    public void Waiting(string reason) => Trace?.State(CurrentRule, Verdict.Waiting, reason);

    /// <summary><see cref="Waiting(string)"/> for a reason with values in it, written only when explain listens.</summary>
    public void Waiting([InterpolatedStringHandlerArgument("")] ref ReasonText reason) => Trace?.State(CurrentRule, Verdict.Waiting, reason.ToStringAndClear());

    /// <summary>The rule's target as a person reads it ("10 minutos", "2 dias úteis").</summary>
    public string Target(string ruleId) => Policy.Rules[ruleId].Target?.Describe() ?? "";

    /// <summary>
    /// Intervals the case spent in a pause status (from its status history, or since the last change when there is none),
    /// or closed and later reopened (<see cref="Closures"/>).
    /// </summary>
    public IReadOnlyList<Interval> Pauses() => Shared.Pauses ??= Stretches(Settings.PauseStatuses, orClosed: true);

    /// <summary>
    /// Intervals the case spent in a status that ends it (status.closed) before it was reopened: nobody owes it anything
    /// then, so every clock stops for them, and a case reopened weeks after it was solved is not late for its solution.
    /// </summary>
    public IReadOnlyList<Interval> Closures() => Shared.Closures ??= Stretches(Settings.ClosedStatuses, orClosed: false);

    private IReadOnlyList<Interval> Stretches(IReadOnlySet<string> statuses, bool orClosed)
    {
        bool Stops(string? status) => PolicySettings.Is(statuses, status) || (orClosed && PolicySettings.Is(Settings.ClosedStatuses, status));
        var changes = Case.Changes(FieldChange.StatusField);
        if (changes.Count == 0)
        {
            // No status history: it has been paused since creation, or since an unrecorded change. The earlier
            // instant is assumed, so a clock never runs through a pause nobody can date.
            return Stops(Case.Status) ? new[] { new Interval(Case.CreatedDate, null) } : Array.Empty<Interval>();
        }

        var pauses = new List<Interval>();
        var ordered = changes.OrderBy(h => h.At).ToList();
        // A case created in a paused status shows it only as the old value of its first status change.
        DateTimeOffset? openedAt = Stops(ordered[0].OldValue) ? Case.CreatedDate : null;
        foreach (var change in ordered)
        {
            var paused = Stops(change.NewValue);
            if (paused && openedAt is null)
            {
                openedAt = change.At;
            }
            else if (!paused && openedAt is { } from)
            {
                pauses.Add(new Interval(from, change.At));
                openedAt = null;
            }
        }

        if (openedAt is { } stillPaused)
        {
            pauses.Add(new Interval(stillPaused, null));
        }

        return pauses;
    }

    /// <summary>
    /// Mention ids for a routing key (mentions.csv) at the current level. An inactive or unknown user is left out and the
    /// gap recorded with the finding; when nobody of the level is left, the same route's next level (the supervisor,
    /// then the manager) is told instead. A team with one of its people gone is still the team: the level above is
    /// not called on a first alert while others of the level can answer (seed 001: "Zenaide, Fernanda ou Janne").
    /// </summary>
    public IEnumerable<string> Route(string key)
    {
        var levels = Policy.MentionLevels(key);
        (int Level, IReadOnlyList<string> Ids) current = default;
        foreach (var l in levels)
        {
            if (l.Level <= Level)
            {
                current = l; // ascending: the last at or below the level
            }
        }

        if (current.Ids is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var id in current.Ids)
        {
            if (CanMention(id))
            {
                result.Add(id);
            }
            else
            {
                (_gaps ??= new(StringComparer.OrdinalIgnoreCase)).Add(id);
            }
        }

        return result.Count > 0 ? result : Replacement(levels, current.Level);
    }

    /// <summary>
    /// The mentionable people of the first level above <paramref name="level"/> that has any; at the route's top, those of
    /// the nearest level below (a reminder escalated to a manager who left still tells the supervisor, not nobody).
    /// </summary>
    private List<string> Replacement(IReadOnlyList<(int Level, IReadOnlyList<string> Ids)> levels, int level)
    {
        foreach (var l in levels)
        {
            if (l.Level > level && l.Ids.Where(CanMention).ToList() is { Count: > 0 } ids)
            {
                return ids;
            }
        }

        for (var i = levels.Count - 1; i >= 0; i--)
        {
            if (levels[i].Level < level && levels[i].Ids.Where(CanMention).ToList() is { Count: > 0 } ids)
            {
                return ids;
            }
        }

        return [];
    }

    /// <summary>
    /// A mention written in the mappings as an id (the escalation matrix's contacts): a user goes through
    /// <see cref="Person"/> (an inactive one is replaced by an active manager), a Chatter group is mentioned as is.
    /// </summary>
    public IEnumerable<string> Mention(string id)
    {
        if (SalesforceId.HasPrefix(id, SalesforceId.UserPrefix))
        {
            return Person(id);
        }

        if (CanMention(id))
        {
            return [id];
        }

        (_gaps ??= new(StringComparer.OrdinalIgnoreCase)).Add(id);
        return [];
    }

    /// <summary>
    /// A user of the case (owner, opening agent, analyst) as a mention; one who left (an inactive internal user) is replaced
    /// by an active manager. An integration user or a portal user is nobody: its manager did not do what the rule names.
    /// </summary>
    public IEnumerable<string> Person(string? userId)
    {
        if (!SalesforceId.HasPrefix(userId, SalesforceId.UserPrefix))
        {
            return [];
        }

        if (CanMention(userId!))
        {
            return [userId!];
        }

        (_gaps ??= new(StringComparer.OrdinalIgnoreCase)).Add(userId!);
        if (!Org.IsFormerColleague(userId))
        {
            return [];
        }

        var manager = Org.User(userId)?.ManagerId;
        for (var hops = 0; hops < 3 && SalesforceId.HasPrefix(manager, SalesforceId.UserPrefix); hops++)
        {
            if (CanMention(manager!))
            {
                return [manager!];
            }

            manager = Org.User(manager)?.ManagerId;
        }

        return [];
    }

    public IEnumerable<string> OwnerQueueRoute() => OwnerQueue is { } q ? Route("queue:" + q.DeveloperName) : [];

    /// <summary>The owner as people know it: the user's or the queue's name, the name Salesforce gave with the case, or its id.</summary>
    public string OwnerDisplayName => Org.User(Case.OwnerId)?.Name ?? Case.OwnerName ?? OwnerQueue?.Name ?? Case.OwnerId ?? "?";

    /// <summary>A planned absence (absences.csv) of the user that overlaps the local days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Absence? AbsenceOf(string? userId, DateOnly from, DateOnly to) => userId is null ? null
        : Policy.Absences.FirstOrDefault(a => SalesforceId.AreEqual(a.UserId, userId) && a.From <= to && from <= a.To);

    /// <summary>
    /// The user's planned absence (absences.csv) that covers today, local time. Whom a finding calls may change when the
    /// user's next absence starts or the present one ends, with nothing else changing: the case is judged again then, so a
    /// post still queued (held for the team's hours) is rewritten for whom it calls that day.
    /// </summary>
    public Absence? AwayToday(string? userId)
    {
        if (userId is null)
        {
            return null;
        }

        var today = Today;
        Absence? away = null;
        var absences = Policy.Absences;
        for (var i = 0; i < absences.Count; i++)
        {
            var a = absences[i];
            if (!SalesforceId.AreEqual(a.UserId, userId))
            {
                continue;
            }

            if ((a.From > today ? a.From : a.Back) is { } change)
            {
                Expect(StartOf(change, Settings.TimeZone));
            }

            away ??= a.From <= today && today <= a.To ? a : null;
        }

        return away;
    }

    /// <summary>
    /// Who acts for a user today: the user; while absences.csv has them away, the substitute it names (seed 002: the
    /// pending work goes to the substitute), unless away too or none is named: then nobody (null).
    /// </summary>
    public string? StandIn(string? userId) =>
        AwayToday(userId) is not { } away ? userId : away.SubstituteId is { } substitute && AwayToday(substitute) is null ? substitute : null;

    public string UserName(string? userId) => Org.User(userId)?.Name ?? userId ?? "?";

    /// <summary>The date it is now where the org works (settings.csv time zone).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Settings.TimeZone).DateTime);

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Settings.TimeZone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public void Add(List<FindingDraft> findings, string ruleId, FindingKind kind, string detail, IEnumerable<string> mentions,
        string instance = "", DateTimeOffset? due = null, Severity? severity = null, DateTimeOffset? since = null, bool settled = false)
    {
        // Each id once, in order (ids compared as Salesforce compares them): a finding mentions a handful of people, so a
        // scan of the list costs less than the hash set a Distinct makes for every finding.
        var resolved = new List<string>(4);
        foreach (var id in mentions)
        {
            var seen = false;
            foreach (var r in resolved)
            {
                seen |= string.Equals(r, id, StringComparison.OrdinalIgnoreCase);
            }

            if (!seen)
            {
                resolved.Add(id);
            }
        }

        findings.Add(new FindingDraft(ruleId, kind, detail, due, resolved, instance)
        {
            Severity = severity, MentionGaps = _gaps is { Count: > 0 } ? _gaps.ToList() : [], Since = since, Settled = settled,
        });
        _gaps?.Clear();
    }

    /// <summary>
    /// Reports a clock: sla-breach once past due (settled when the clock stopped after it: done late), sla-warning once past
    /// the warning share. The text names the deadline once.
    /// </summary>
    public void AddClock(List<FindingDraft> findings, string ruleId, ClockResult clock, string what, IEnumerable<string> mentions,
        DateTimeOffset start, bool warn = true, FindingKind breachKind = FindingKind.SlaBreach)
    {
        if (!ClockRaises(clock, warn))
        {
            _gaps?.Clear();
        }
        else if (clock.IsBreached)
        {
            Add(findings, ruleId, breachKind, what, mentions, Instance(start), clock.DueAt, settled: clock.Over);
        }
        else
        {
            Add(findings, ruleId, FindingKind.SlaWarning, what, mentions, Instance(start) + ":warn", clock.DueAt, Severity.Warning, since: clock.WarnAt);
        }
    }

    /// <summary>
    /// Notes the instants at which a clock's verdict changes (see <see cref="AddClock"/>) and says whether it raises a
    /// finding now: a breach, or a warning when <paramref name="warn"/>. A rule writes the finding's text and works out
    /// whom to mention only then, so a clock within its target costs no text.
    /// </summary>
    public bool ClockRaises(ClockResult clock, bool warn = true)
    {
        if (clock.Status == ClockStatus.Paused)
        {
            (PausedRules ??= new(StringComparer.Ordinal)).Add(CurrentRule);
        }

        // A clock that stopped in time (met) changes only with the case, which the sync re-judges: no instant to wait for.
        if (clock.Status is not (ClockStatus.Breached or ClockStatus.Met))
        {
            ExpectPast(clock.DueAt);
            Expect(warn ? clock.WarnAt : null);
        }

        return clock.IsBreached || (warn && clock.Warning);
    }

    /// <summary>A breach instance key from the instant that started it (stable across cycles).</summary>
    public static string Instance(DateTimeOffset start) => start.UtcDateTime.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture);

    private bool CanMention(string id) =>
        SalesforceId.HasPrefix(id, SalesforceId.CollaborationGroupPrefix) || (SalesforceId.HasPrefix(id, SalesforceId.UserPrefix) && (!Org.HasUsers || Org.IsMentionable(id)));
}

/// <summary>What the rule groups judging one case share: its activity and its pauses, each worked out when first asked.</summary>
internal sealed class CaseWork
{
    public CaseActivity? Activity { get; set; }

    public IReadOnlyList<Interval>? Pauses { get; set; }

    public IReadOnlyList<Interval>? Closures { get; set; }

    /// <summary>The Billing incident's actions (<see cref="Billing.Incident.Actions"/>): BIL-01 and BIL-03 both read them.</summary>
    public IReadOnlyList<Interaction>? IncidentActions { get; set; }

    /// <summary>The Billing incident's contacts (<see cref="Billing.Incident.Contacts"/>): its actions, BIL-01 and BIL-04 read them.</summary>
    public IReadOnlyList<Interaction>? IncidentContacts { get; set; }

    /// <summary>Whether the case stands returned from GSO (<see cref="Gso.GsoReturn.Of"/>): GSO-07 and GSO-08 both ask.</summary>
    public (bool Returned, FieldChange? Change)? GsoReturn { get; set; }
}
