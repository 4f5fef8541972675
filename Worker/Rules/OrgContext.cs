using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// What the rules may know beyond the case: users, queues and members, roles, Omni-Channel state, accounts, GAR
/// answers, messaging and the open-case backlog. Built once per cycle or audit, read-only afterwards. Ids are
/// keyed in 18-char form.
/// </summary>
public sealed class OrgContext
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    private readonly Dictionary<string, UserInfo> _users;
    private readonly Dictionary<string, QueueInfo> _groupsById;
    private readonly Dictionary<string, QueueInfo> _groupsByName;
    private readonly Dictionary<string, List<string>> _directMembers;
    private readonly Dictionary<string, string?> _roleParents;
    private readonly Dictionary<string, List<AgentWorkInfo>> _agentWork;
    private readonly Dictionary<string, List<PendingRoutingInfo>> _pending;
    private readonly Dictionary<string, List<FirstRoutingInfo>> _firstRoutings;
    private readonly Dictionary<string, PresenceInfo> _presence;
    private readonly Dictionary<string, AccountInfo> _accounts;
    private readonly bool? _garFoundLately;
    private readonly Dictionary<string, List<GarObservation>>? _gar;
    private readonly IReadOnlyDictionary<string, DateTimeOffset>? _garAnswered;
    private readonly HashSet<string>? _garChecked;
    private readonly Dictionary<string, List<MessagingEntry>> _messages;
    private readonly Dictionary<(string Owner, string Pack), List<OpenCaseRef>> _openByOwner;
    private readonly Dictionary<string, List<OpenCaseRef>> _openKeyAccountsAnyPack;
    private readonly HashSet<string> _systemUsers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _expanded;

    public OrgContext(OrgData? data = null)
    {
        data ??= new OrgData();
        _expanded = new(Ids);
        _users = data.Users.GroupBy(u => Key(u.Id), Ids).ToDictionary(g => g.Key, g => g.First(), Ids);
        var groups = data.Groups.ToList();
        _groupsById = groups.GroupBy(g => Key(g.Id), Ids).ToDictionary(g => g.Key, g => g.First(), Ids);
        _groupsByName = groups.Where(g => g.Type is null or "Queue" or "Regular").GroupBy(g => g.DeveloperName, Ids).ToDictionary(g => g.Key, g => g.First(), Ids);
        _directMembers = data.Members.GroupBy(m => Key(m.GroupId), Ids).ToDictionary(g => g.Key, g => g.Select(m => Key(m.MemberId)).ToList(), Ids);
        _roleParents = data.Roles.GroupBy(r => Key(r.Id), Ids).ToDictionary(g => g.Key, g => g.First().ParentRoleId is { } p ? Key(p) : null, Ids);
        _agentWork = data.AgentWork.GroupBy(w => Key(w.WorkItemId), Ids).ToDictionary(g => g.Key, g => g.ToList(), Ids);
        _pending = data.Pending.GroupBy(p => Key(p.WorkItemId), Ids).ToDictionary(g => g.Key, g => g.ToList(), Ids);
        _firstRoutings = data.FirstRoutings.GroupBy(r => Key(r.CaseId), Ids).ToDictionary(g => g.Key, g => g.ToList(), Ids);
        _presence = data.Presence.GroupBy(p => Key(p.UserId), Ids).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Since).First(), Ids);
        _accounts = data.Accounts.GroupBy(a => Key(a.Id), Ids).ToDictionary(g => g.Key, g => g.First(), Ids);
        _gar = data.Gar?.GroupBy(o => o.Order.OrderNumber.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.SeenAt ?? DateTimeOffset.MaxValue).ToList(), StringComparer.OrdinalIgnoreCase);
        _garChecked = data.GarChecked?.Select(n => n.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _garAnswered = data.GarAnswered;
        _garFoundLately = data.GarFoundLately;
        _messages = data.Messages.GroupBy(m => Key(m.CaseId), Ids).ToDictionary(g => g.Key, g => g.OrderBy(m => m.At).ToList(), Ids);
        _openByOwner = Backlog(data.OpenCases);
        _openKeyAccountsAnyPack = KeyAccountsOf(_openByOwner);
        _systemUsers = data.SystemUsers.Where(SalesforceId.IsValid).Select(Key).ToHashSet(Ids);
        TracksOwnerHistory = data.TracksOwnerHistory;
    }

    /// <summary>This org with another open-case backlog; everything else is shared with this one, not indexed again.</summary>
    public OrgContext WithOpenCases(IReadOnlyList<OpenCaseRef> openCases, bool tracksOwnerHistory) =>
        new(this, Backlog(openCases), tracksOwnerHistory, _agentWork, _pending);

    /// <summary>
    /// This org with the Omni-Channel rows of some cases as Salesforce holds them now: their AgentWork and pending
    /// routings replace what the last sync stored (none read: none left); every other case keeps its rows.
    /// </summary>
    public OrgContext WithOmniChannelOf(IEnumerable<string> caseIds, IEnumerable<AgentWorkInfo> agentWork, IEnumerable<PendingRoutingInfo> pending)
    {
        var work = new Dictionary<string, List<AgentWorkInfo>>(_agentWork, Ids);
        var routings = new Dictionary<string, List<PendingRoutingInfo>>(_pending, Ids);
        foreach (var id in caseIds)
        {
            work.Remove(Key(id));
            routings.Remove(Key(id));
        }

        foreach (var g in agentWork.GroupBy(w => Key(w.WorkItemId), Ids))
        {
            work[g.Key] = g.ToList();
        }

        foreach (var g in pending.GroupBy(p => Key(p.WorkItemId), Ids))
        {
            routings[g.Key] = g.ToList();
        }

        return new(this, _openByOwner, TracksOwnerHistory, work, routings);
    }

    private OrgContext(OrgContext org, Dictionary<(string Owner, string Pack), List<OpenCaseRef>> openByOwner, bool tracksOwnerHistory,
        Dictionary<string, List<AgentWorkInfo>> agentWork, Dictionary<string, List<PendingRoutingInfo>> pending)
    {
        _users = org._users;
        _groupsById = org._groupsById;
        _groupsByName = org._groupsByName;
        _directMembers = org._directMembers;
        _roleParents = org._roleParents;
        _agentWork = agentWork;
        _pending = pending;
        _firstRoutings = org._firstRoutings;
        _presence = org._presence;
        _accounts = org._accounts;
        _gar = org._gar;
        _garChecked = org._garChecked;
        _garAnswered = org._garAnswered;
        _garFoundLately = org._garFoundLately;
        _messages = org._messages;
        _systemUsers = org._systemUsers;
        _expanded = org._expanded;
        _openByOwner = openByOwner;
        _openKeyAccountsAnyPack = ReferenceEquals(openByOwner, org._openByOwner) ? org._openKeyAccountsAnyPack : KeyAccountsOf(openByOwner);
        TracksOwnerHistory = tracksOwnerHistory;
    }

    /// <summary>Open cases per owner and pack, oldest first.</summary>
    private static Dictionary<(string Owner, string Pack), List<OpenCaseRef>> Backlog(IEnumerable<OpenCaseRef> openCases) =>
        openCases.Where(c => SalesforceId.IsValid(c.OwnerId)).GroupBy(c => (Key(c.OwnerId!).ToUpperInvariant(), c.Pack))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedDate).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList());

    /// <summary>Open key-account cases per owner, whatever their pack, oldest first.</summary>
    private static Dictionary<string, List<OpenCaseRef>> KeyAccountsOf(Dictionary<(string Owner, string Pack), List<OpenCaseRef>> backlog) =>
        backlog.SelectMany(p => p.Value).Where(c => c.KeyAccount).GroupBy(c => Key(c.OwnerId!).ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedDate).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    public static OrgContext Empty { get; } = new();

    /// <summary>
    /// Whether the org records owner history. When it does, a case without an owner change never moved; when it
    /// does not, the queues a case passed through may be invisible.
    /// </summary>
    public bool TracksOwnerHistory { get; }

    /// <summary>False when no GAR data was available (GAR down or not configured): GSO-05 postpones instead of flagging.</summary>
    public bool HasGar => _gar is not null;

    public UserInfo? User(string? id) => SalesforceId.IsValid(id) && _users.TryGetValue(Key(id!), out var u) ? u : null;

    public QueueInfo? Group(string? id) => SalesforceId.IsValid(id) && _groupsById.TryGetValue(Key(id!), out var g) ? g : null;

    /// <summary>A queue or public group by developer name.</summary>
    public QueueInfo? GroupByName(string developerName) => _groupsByName.GetValueOrDefault(developerName);

    /// <summary>
    /// The users a queue or group reaches: direct members, members of nested groups, and users holding the role of a
    /// role group (with its subordinate roles for RoleAndSubordinates groups).
    /// </summary>
    public IReadOnlyList<string> Members(string groupId) => _expanded.GetOrAdd(Key(groupId), id =>
    {
        var users = new List<string>();
        Expand(id, users, new HashSet<string>(Ids));
        return users.Distinct(Ids).ToList();
    });

    /// <summary>Whether a user is among the users a queue or group reaches (<see cref="Members"/>).</summary>
    public bool IsMember(string groupId, string? userId)
    {
        if (!SalesforceId.IsValid(userId))
        {
            return false;
        }

        var members = Members(groupId);
        for (var i = 0; i < members.Count; i++)
        {
            if (SalesforceId.AreEqual(members[i], userId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the author is an agent: an internal user (UserType Standard), not a system user such as the
    /// integration user. Without any user data SfBridge cannot tell and does not accuse: the author counts as an agent.
    /// </summary>
    public bool IsAgent(string? userId, string? userType = null)
    {
        if (userType is not null)
        {
            return IsStandard(userType) && !(SalesforceId.IsValid(userId) && _systemUsers.Contains(Key(userId!)));
        }

        if (!SalesforceId.IsValid(userId))
        {
            return true;
        }

        var key = Key(userId!);
        return !_systemUsers.Contains(key) && (_users.Count == 0 || (_users.TryGetValue(key, out var u) && IsStandard(u.UserType)));
    }

    /// <summary>
    /// Whether the author may be the customer: not an agent, not a system user (agent.system_users) and not Salesforce's
    /// automated process user; an author SfBridge cannot look up counts as the customer.
    /// </summary>
    public bool IsCustomer(string? userId, string? userType = null) =>
        !IsAgent(userId, userType) && !(SalesforceId.IsValid(userId) && _systemUsers.Contains(Key(userId!))) &&
        !string.Equals(userType ?? User(userId)?.UserType, "AutomatedProcess", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="IsAgent"/> answers only by default: no author type, and no user list to look the author up in.</summary>
    public bool AuthorUnknown(string? userId, string? userType = null) => userType is null && (!SalesforceId.IsValid(userId) || _users.Count == 0);

    /// <summary>A user who can be @mentioned: known, active and internal.</summary>
    public bool IsMentionable(string? userId) => User(userId) is { IsActive: true } u && IsStandard(u.UserType) && !_systemUsers.Contains(Key(u.Id));

    /// <summary>
    /// A person who left: an internal user, not a system one, no longer active; their manager answers for them. An
    /// integration user or a customer's portal user is nobody's stand-in, and nobody stands in for them.
    /// </summary>
    public bool IsFormerColleague(string? userId) => User(userId) is { IsActive: false } u && IsStandard(u.UserType) && !_systemUsers.Contains(Key(u.Id));

    public bool HasUsers => _users.Count > 0;

    public IReadOnlyList<AgentWorkInfo> AgentWork(string caseId) => _agentWork.TryGetValue(Key(caseId), out var w) ? w : [];

    public IReadOnlyList<PendingRoutingInfo> Pending(string caseId) => _pending.TryGetValue(Key(caseId), out var p) ? p : [];

    public IReadOnlyList<FirstRoutingInfo> FirstRoutings(string caseId) => _firstRoutings.TryGetValue(Key(caseId), out var r) ? r : [];

    public PresenceInfo? Presence(string userId) => _presence.GetValueOrDefault(Key(userId));

    public AccountInfo? Account(string? id) => SalesforceId.IsValid(id) && _accounts.TryGetValue(Key(id!), out var a) ? a : null;

    public IReadOnlyList<MessagingEntry> Messages(string caseId) => _messages.TryGetValue(Key(caseId), out var m) ? m : [];

    /// <summary>GAR's answers for an order, in the order SfBridge saw them (undated answers last).</summary>
    public IReadOnlyList<GarObservation> GarAnswers(string orderNumber) => _gar?.GetValueOrDefault(orderNumber.Trim()) ?? [];

    /// <summary>
    /// Whether GAR's last run found some order (offline, whether any answer found is known): only then is its 404 for another
    /// believed to mean "no such order" (a wrong Gar:BaseUrl, or a gateway in front of it, answers 404 to every lookup, and an
    /// address changed wrongly after weeks of answers must not be believed on the strength of those).
    /// </summary>
    public bool GarFoundAny => _garFoundLately ?? _gar is { Count: > 0 };

    /// <summary>
    /// True when GAR's answer for this order is known: found, or looked up and not found. A snapshot's Gar.json is
    /// complete knowledge; the worker knows only the orders its GAR audit looked up.
    /// </summary>
    public bool GarKnows(string orderNumber) => _gar is not null && (_garChecked is null || _garChecked.Contains(orderNumber.Trim()) || _gar.ContainsKey(orderNumber.Trim()));

    /// <summary>The last time GAR answered about an order, found or not; null when unknown (an offline snapshot).</summary>
    public DateTimeOffset? GarAnswered(string orderNumber) => _garAnswered is not null && _garAnswered.TryGetValue(orderNumber.Trim(), out var at) ? at : null;

    /// <summary>The open key-account cases an owner holds, whatever their pack, oldest first.</summary>
    public IReadOnlyList<OpenCaseRef> OpenKeyAccountCases(string? ownerId) =>
        SalesforceId.IsValid(ownerId) && _openKeyAccountsAnyPack.TryGetValue(Key(ownerId!).ToUpperInvariant(), out var open) ? open : [];

    private void Expand(string groupId, List<string> users, HashSet<string> seen)
    {
        if (!seen.Add(groupId))
        {
            return; // groups can nest in cycles through misconfiguration; each is expanded once
        }

        if (_groupsById.TryGetValue(groupId, out var group) && group.RelatedId is { } role && group.Type is { } type && type.StartsWith("Role", StringComparison.Ordinal))
        {
            var roles = type == "Role" ? [Key(role)] : Subtree(Key(role));
            users.AddRange(_users.Values.Where(u => u.RoleId is { } r && roles.Contains(Key(r))).Select(u => Key(u.Id)));
        }

        foreach (var member in _directMembers.GetValueOrDefault(groupId) ?? [])
        {
            if (SalesforceId.HasPrefix(member, SalesforceId.UserPrefix))
            {
                users.Add(member);
            }
            else
            {
                Expand(member, users, seen);
            }
        }
    }

    private HashSet<string> Subtree(string role)
    {
        var roles = new HashSet<string>(Ids) { role };
        bool grew;
        do
        {
            grew = false;
            foreach (var (id, parent) in _roleParents)
            {
                if (parent is not null && roles.Contains(parent) && roles.Add(id))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        return roles;
    }

    private static bool IsStandard(string? userType) => userType is null || userType.Equals("Standard", StringComparison.OrdinalIgnoreCase);

    // 18-character ids compare case-insensitively; dictionaries use OrdinalIgnoreCase, so only 15-character ids need converting.
    private static string Key(string id) => id.Length == 15 && SalesforceId.IsValid(id) ? SalesforceId.To18(id) : id;
}
