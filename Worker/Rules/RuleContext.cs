using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.Sla;

namespace SfBridge.Rules;

/// <summary>Everything one rule evaluation may read, plus the helpers rules share. No I/O, no clock.</summary>
public sealed class RuleContext(CaseSnapshot @case, OrgContext org, Policy policy, string pack, DateTimeOffset now, int level = 1)
{
    public CaseSnapshot Case { get; } = @case;

    public OrgContext Org { get; } = org;

    public Policy Policy { get; } = policy;

    public string Pack { get; } = pack;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Escalation level the mentions are resolved at (1 for a first alert; reminders climb).</summary>
    public int Level { get; } = level;

    public PolicySettings Settings => Policy.Settings;

    // Several rules of a pack ask the same questions of a case: answer each once.
    public bool IsOpen => _isOpen ??= !Case.IsClosed && !PolicySettings.Is(Settings.ClosedStatuses, Case.Status);

    public QueueInfo? OwnerQueue => _ownerQueueResolved ? _ownerQueue : Resolve(ref _ownerQueue, ref _ownerQueueResolved, Org.Group(Case.OwnerId));

    private bool? _isOpen;
    private QueueInfo? _ownerQueue;
    private bool _ownerQueueResolved;
    private IReadOnlyList<Interval>? _pauses;

    private static T Resolve<T>(ref T field, ref bool resolved, T value)
    {
        field = value;
        resolved = true;
        return value;
    }

    public bool StatusIs(string status) => TextKey.Of(Case.Status) == TextKey.Of(status);

    public SlaClock Clock(string ruleId)
    {
        var setting = Policy.Rules[ruleId];
        return new SlaClock(Policy.Calendar(setting.Calendar), setting.Target!.Value, setting.WarningShare);
    }

    /// <summary>Intervals the case spent in a pause status, from its status history (or since the last change when there is none).</summary>
    public IReadOnlyList<Interval> Pauses() => _pauses ??= ComputePauses();

    private List<Interval> ComputePauses()
    {
        var pauses = new List<Interval>();
        DateTimeOffset? openedAt = null;
        foreach (var change in Case.StatusHistory.OrderBy(h => h.At))
        {
            var paused = PolicySettings.Is(Settings.PauseStatuses, change.NewValue);
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
        else if (Case.StatusHistory.Count == 0 && PolicySettings.Is(Settings.PauseStatuses, Case.Status))
        {
            pauses.Add(new Interval(Case.SystemModstamp ?? Case.CreatedDate, null));
        }

        return pauses;
    }

    /// <summary>Contacts with the customer: e-mails sent and comments published, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> CustomerContacts() =>
        Case.Emails.Where(e => !e.Incoming && e.MessageDate is not null).Select(e => e.MessageDate!.Value)
            .Concat(Case.Comments.Where(c => c.IsPublished).Select(c => c.CreatedDate))
            .Order().ToList();

    /// <summary>Mention ids for a routing key at a level (the highest configured level not above it).</summary>
    public IEnumerable<string> Route(string key) => Policy.MentionsFor(key, Level);

    /// <summary>A user from the org's data (owner, opening agent), when it is a User id.</summary>
    public IEnumerable<string> Person(string? userId) =>
        SalesforceId.HasPrefix(userId, SalesforceId.UserPrefix) && Org.User(userId)?.IsActive != false ? [userId!] : [];

    public IEnumerable<string> OwnerQueueRoute() => OwnerQueue is { } q ? Route("queue:" + q.DeveloperName) : [];

    public string OwnerDisplayName => Org.User(Case.OwnerId)?.Name ?? Case.OwnerName ?? Case.OwnerId ?? "?";

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Settings.TimeZone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public void Add(List<FindingDraft> findings, string ruleId, FindingKind kind, string detail, IEnumerable<string> mentions,
        string instance = "", DateTimeOffset? due = null, Severity? severity = null) =>
        findings.Add(new FindingDraft(ruleId, kind, detail, due, mentions.Distinct(StringComparer.Ordinal).ToList(), instance) { Severity = severity });

    /// <summary>Reports a clock: sla-breach once past due, sla-warning once past the warning share.</summary>
    public void AddClock(List<FindingDraft> findings, string ruleId, ClockResult clock, string what, IEnumerable<string> mentions,
        DateTimeOffset start, bool warn = true, FindingKind breachKind = FindingKind.SlaBreach)
    {
        if (clock.IsBreached)
        {
            Add(findings, ruleId, breachKind, $"{what}: prazo vencido em {Local(clock.DueAt!.Value)}", mentions, Instance(start), clock.DueAt);
        }
        else if (warn && clock.Warning)
        {
            Add(findings, ruleId, FindingKind.SlaWarning, $"{what}: vence em {Local(clock.DueAt!.Value)}", mentions, Instance(start) + ":warn", clock.DueAt, Severity.Warning);
        }

        static string Instance(DateTimeOffset start) => start.UtcDateTime.ToString("yyyyMMddTHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
