using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// What the rules may know beyond the case: users, queues and members, Omni-Channel state, accounts, GAR orders
/// and the open-case backlog. Built once per cycle or audit, read-only afterwards. Ids are keyed in 18-char form.
/// </summary>
public sealed class OrgContext
{
    private readonly Dictionary<string, UserInfo> _users;
    private readonly Dictionary<string, QueueInfo> _groupsById;
    private readonly Dictionary<string, QueueInfo> _groupsByName;
    private readonly Dictionary<string, List<string>> _members;
    private readonly Dictionary<string, List<AgentWorkInfo>> _agentWork;
    private readonly Dictionary<string, List<PendingRoutingInfo>> _pending;
    private readonly Dictionary<string, PresenceInfo> _presence;
    private readonly Dictionary<string, AccountInfo> _accounts;
    private readonly Dictionary<string, GarOrder>? _gar;
    private readonly HashSet<string>? _garChecked;
    private readonly Dictionary<(string Owner, string Pack), (int Count, string Oldest)> _openByOwner;

    public OrgContext(
        IEnumerable<UserInfo>? users = null, IEnumerable<QueueInfo>? groups = null, IEnumerable<(string GroupId, string MemberId)>? members = null,
        IEnumerable<AgentWorkInfo>? agentWork = null, IEnumerable<PendingRoutingInfo>? pending = null, IEnumerable<PresenceInfo>? presence = null,
        IEnumerable<AccountInfo>? accounts = null, IEnumerable<GarOrder>? gar = null, IEnumerable<OpenCaseRef>? openCases = null,
        IEnumerable<string>? garChecked = null)
    {
        _users = (users ?? []).ToDictionary(u => Key(u.Id), StringComparer.OrdinalIgnoreCase);
        var groupList = (groups ?? []).ToList();
        _groupsById = groupList.ToDictionary(g => Key(g.Id), StringComparer.OrdinalIgnoreCase);
        _groupsByName = groupList.GroupBy(g => g.DeveloperName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _members = (members ?? []).GroupBy(m => Key(m.GroupId), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(m => Key(m.MemberId)).ToList(), StringComparer.OrdinalIgnoreCase);
        _agentWork = (agentWork ?? []).GroupBy(w => Key(w.WorkItemId), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        _pending = (pending ?? []).GroupBy(p => Key(p.WorkItemId), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        _presence = (presence ?? []).GroupBy(p => Key(p.UserId), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Since).First(), StringComparer.OrdinalIgnoreCase);
        _accounts = (accounts ?? []).ToDictionary(a => Key(a.Id), StringComparer.OrdinalIgnoreCase);
        _gar = gar?.GroupBy(o => o.OrderNumber.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _garChecked = garChecked?.Select(n => n.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _openByOwner = (openCases ?? []).Where(c => c.OwnerId is not null && SalesforceId.IsValid(c.OwnerId)).GroupBy(c => (Key(c.OwnerId!).ToUpperInvariant(), c.Pack))
            .ToDictionary(g => g.Key, g => (g.Count(), g.MinBy(c => c.CreatedDate)!.CaseId));
    }

    public static OrgContext Empty { get; } = new();

    /// <summary>False when no GAR data was available (GAR down or not configured): GSO-05 postpones instead of flagging.</summary>
    public bool HasGar => _gar is not null;

    public UserInfo? User(string? id) => id is not null && SalesforceId.IsValid(id) && _users.TryGetValue(Key(id), out var u) ? u : null;

    public QueueInfo? Group(string? id) => id is not null && SalesforceId.IsValid(id) && _groupsById.TryGetValue(Key(id), out var g) ? g : null;

    public QueueInfo? GroupByName(string developerName) => _groupsByName.GetValueOrDefault(developerName);

    public IReadOnlyList<string> Members(string groupId) => _members.TryGetValue(Key(groupId), out var m) ? m : [];


    public IReadOnlyList<AgentWorkInfo> AgentWork(string caseId) => _agentWork.TryGetValue(Key(caseId), out var w) ? w : [];

    public IReadOnlyList<PendingRoutingInfo> Pending(string caseId) => _pending.TryGetValue(Key(caseId), out var p) ? p : [];

    public PresenceInfo? Presence(string userId) => _presence.GetValueOrDefault(Key(userId));

    public AccountInfo? Account(string? id) => id is not null && SalesforceId.IsValid(id) && _accounts.TryGetValue(Key(id), out var a) ? a : null;

    public GarOrder? Order(string orderNumber) => _gar?.GetValueOrDefault(orderNumber.Trim());

    /// <summary>
    /// True when GAR's answer for this order is known: found, or looked up and not found. A snapshot's Gar.json is
    /// complete knowledge; the worker knows only the orders its last GAR audit looked up.
    /// </summary>
    public bool GarKnows(string orderNumber) => _gar is not null && (_garChecked is null || _garChecked.Contains(orderNumber.Trim()));

    /// <summary>How many open cases of a pack the owner holds, and the oldest of them (backlog rules report on that one).</summary>
    public (int Count, string? Oldest) OpenCases(string? ownerId, string pack) =>
        ownerId is not null && SalesforceId.IsValid(ownerId) && _openByOwner.TryGetValue((Key(ownerId).ToUpperInvariant(), pack), out var open) ? open : (0, null);

    // 18-character ids compare case-insensitively; dictionaries use OrdinalIgnoreCase, so only 15-character ids need converting.
    private static string Key(string id) => id.Length == 15 && SalesforceId.IsValid(id) ? SalesforceId.To18(id) : id;
}
