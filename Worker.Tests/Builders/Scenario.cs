using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Builders;

/// <summary>
/// Rule tests start from a case that complies with its pack (no findings), change one thing, and judge it with
/// the mappings shipped in mappings/ and the people and queues of samples/org.
/// </summary>
public static class Scenario
{
    private static readonly Lazy<Policy> LoadedPolicy = new(() =>
    {
        var result = MappingLoader.Load(Path.Combine(RepoPaths.Root, "mappings"));
        return result.Policy ?? throw new InvalidOperationException(string.Join("\n", result.Errors));
    });

    private static readonly Lazy<OrgSnapshot> SampleOrg = new(() => OrgSnapshot.Load(RepoPaths.SampleOrg));

    public static Policy Policy => LoadedPolicy.Value;

    /// <summary>Monday 2 March 2026, 10:00 in São Paulo.</summary>
    public static readonly DateTimeOffset Monday10 = At(2026, 3, 2, 10);

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(-3));

    public static string User(int n) => Id("005", n);

    public static string Queue(string developerName) => SampleContext.Value.GroupByName(developerName)!.Id;

    private static readonly Lazy<OrgContext> SampleContext = new(() => Org());

    public static string ChatterGroup(int n) => Id("0F9", n);

    public static string Account(int n) => Id("001", n);

    public static string Id(string prefix, int n) => SalesforceId.To18(prefix + "SB0" + n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The sample org's users, queues and members, plus whatever Omni-Channel, account, GAR and backlog data a test needs.</summary>
    public static OrgContext Org(IEnumerable<AgentWorkInfo>? agentWork = null, IEnumerable<PendingRoutingInfo>? pending = null,
        IEnumerable<PresenceInfo>? presence = null, IEnumerable<AccountInfo>? accounts = null, IEnumerable<GarOrder>? gar = null,
        IEnumerable<OpenCaseRef>? openCases = null, IEnumerable<UserInfo>? users = null, IEnumerable<MessagingEntry>? messages = null,
        IEnumerable<GarObservation>? garAnswers = null, bool tracksOwnerHistory = false) =>
        new(SampleData(agentWork, pending, presence, accounts, gar, openCases, users, messages, garAnswers, tracksOwnerHistory));

    /// <summary>The data behind <see cref="Org"/>, for a test that changes what its parameters do not reach (with <c>with</c>).</summary>
    public static OrgData SampleData(IEnumerable<AgentWorkInfo>? agentWork = null, IEnumerable<PendingRoutingInfo>? pending = null,
        IEnumerable<PresenceInfo>? presence = null, IEnumerable<AccountInfo>? accounts = null, IEnumerable<GarOrder>? gar = null,
        IEnumerable<OpenCaseRef>? openCases = null, IEnumerable<UserInfo>? users = null, IEnumerable<MessagingEntry>? messages = null,
        IEnumerable<GarObservation>? garAnswers = null, bool tracksOwnerHistory = false)
    {
        var s = SampleOrg.Value;
        return new OrgData
        {
            Users = users ?? s.Records("User").Select(u => new UserInfo(u.Id!, u.GetString("Name"), u.GetString("ManagerId"), u.GetBoolean("IsActive") ?? true)
            {
                UserType = u.GetString("UserType"),
                RoleId = u.GetString("UserRoleId"),
            }).ToList(),
            Groups = s.Records("Group").Select(g => new QueueInfo(g.Id!, g.GetString("DeveloperName")!, g.GetString("Name"), g.GetString("Type")) { RelatedId = g.GetString("RelatedId") }).ToList(),
            Members = s.Records("GroupMember").Select(m => (m.GetString("GroupId")!, m.GetString("UserOrGroupId")!)).ToList(),
            Roles = s.Records("UserRole").Select(r => new RoleInfo(r.Id!, r.GetString("ParentRoleId"))).ToList(),
            AgentWork = agentWork ?? [],
            Pending = pending ?? [],
            Presence = presence ?? [],
            Accounts = accounts ?? [new AccountInfo(Account(1), "Rede Calçados Paulista", true, 42), new AccountInfo(Account(2), "Mercadinho Bom Preço ME", false, 1)],
            Gar = garAnswers?.ToList() ?? gar?.Select(o => new GarObservation(o, null)).ToList(),
            OpenCases = openCases ?? [],
            Messages = messages ?? [],
            TracksOwnerHistory = tracksOwnerHistory,
        };
    }

    /// <summary>The sample org's users, as an internal user list (active, UserType Standard unless the snapshot says otherwise).</summary>
    public static List<UserInfo> SampleUsers() => SampleOrg.Value.Records("User")
        .Select(u => new UserInfo(u.Id!, u.GetString("Name"), u.GetString("ManagerId"), u.GetBoolean("IsActive") ?? true) { UserType = u.GetString("UserType") }).ToList();

    public static IReadOnlyList<Finding> Judge(CaseSnapshot c, DateTimeOffset now, OrgContext? org = null, string? lastTemplate = null) =>
        new PolicyEngine(Policy).Evaluate(c, org ?? Org(), now, lastTemplate);

    public static IReadOnlyList<Finding> Judge(string ruleId, CaseSnapshot c, DateTimeOffset now, OrgContext? org = null) =>
        Judge(c, now, org).Where(f => f.RuleId == ruleId).ToList();

    /// <summary>When the engine asks to judge the case again after judging it at <paramref name="now"/>.</summary>
    public static DateTimeOffset? NextChange(CaseSnapshot c, DateTimeOffset now, OrgContext? org = null) =>
        new PolicyEngine(Policy).Judge(c, org ?? Org(), now).NextChange;

    /// <summary>The rule finds nothing on the case and explain states <paramref name="reason"/> for it.</summary>
    public static void AssertNotJudged(string ruleId, CaseSnapshot c, DateTimeOffset now, string reason, OrgContext? org = null)
    {
        Assert.Empty(Judge(ruleId, c, now, org));
        Assert.Equal(reason, Reason(ruleId, c, now, org));
    }

    /// <summary>The reason explain states for one rule on a case.</summary>
    public static string Reason(string ruleId, CaseSnapshot c, DateTimeOffset now, OrgContext? org = null) =>
        new PolicyEngine(Policy).Explain(c, org ?? Org(), now).Single(e => e.RuleId == ruleId).Reason;

    /// <summary>
    /// A case the rule fires on while it is open gets no finding once it is closed, and explain says why: closed by
    /// Salesforce (IsClosed), or only by a status that status.closed lists (an org whose closing status is not flagged
    /// closed), which the rule itself must notice.
    /// </summary>
    public static void AssertJudgedOnlyWhileOpen(string ruleId, CaseSnapshot open, DateTimeOffset now, OrgContext? org = null)
    {
        if (Judge(ruleId, open, now, org).Count == 0)
        {
            throw new Xunit.Sdk.XunitException($"{ruleId} should fire on the open case of this scenario");
        }

        foreach (var (closed, expected) in new[]
                 {
                     (open with { IsClosed = true, ClosedDate = now.AddMinutes(-1) }, "o caso está encerrado, e esta regra não julga o encerramento"),
                     (open with { Status = "Fechado" }, "o status \"Fechado\" conta como caso encerrado"),
                 })
        {
            if (Judge(ruleId, closed, now, org) is { Count: > 0 } findings)
            {
                throw new Xunit.Sdk.XunitException($"{ruleId} judged a closed case (IsClosed {closed.IsClosed}, status {closed.Status}): {findings[0].Detail}");
            }

            if (Reason(ruleId, closed, now, org) is var reason && reason != expected)
            {
                throw new Xunit.Sdk.XunitException($"{ruleId} on a closed case (IsClosed {closed.IsClosed}, status {closed.Status}): explain says \"{reason}\"");
            }
        }
    }

    public static CaseSnapshot WithFields(this CaseSnapshot c, params (string Logical, string? Value)[] fields)
    {
        var map = new Dictionary<string, string?>(c.Fields);
        foreach (var (logical, value) in fields)
        {
            map[logical] = value;
        }

        return c with { Fields = map };
    }
}
