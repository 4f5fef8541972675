using System.Runtime.ExceptionServices;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>Builds the rules' <see cref="OrgContext"/> from snapshot records of users, groups, roles, Omni-Channel, accounts, messaging and cases.</summary>
public static class OrgContextBuilder
{
    /// <summary>An AgentWork row as the rules read it (null without the work item it is for).</summary>
    public static AgentWorkInfo? AgentWorkOf(SObjectRecord w) => w.GetString("WorkItemId") is { } item
        ? new AgentWorkInfo(item, w.GetString("UserId"), w.GetString("OriginalGroupId") ?? w.GetString("OriginalQueueId"), w.GetString("Status"),
            w.GetDateTime("RequestDateTime"), w.GetDateTime("AcceptDateTime"))
        : null;

    /// <summary>A PendingServiceRouting row as the rules read it (null without its work item or creation instant).</summary>
    public static PendingRoutingInfo? PendingOf(SObjectRecord p) => p.GetString("WorkItemId") is { } item && p.GetDateTime("CreatedDate") is { } created
        ? new PendingRoutingInfo(item, p.GetString("GroupId") ?? p.GetString("QueueId"), created)
        : null;

    /// <summary>
    /// The org context; a record whose field does not read as its type (a number where a flag belongs, an object where an
    /// id belongs, an Id twice) is an <see cref="InvalidDataException"/> naming the file or object it came from.
    /// </summary>
    public static OrgContext Build(OrgSnapshot snapshot, IReadOnlyList<CaseSnapshot> cases, Policy policy, WorkerKnowledge? worker = null) =>
        WithBacklog(Data(snapshot, policy, worker), cases, policy);

    /// <summary>The org context of <paramref name="data"/> with the backlog of <paramref name="cases"/> (every case the org holds).</summary>
    public static OrgContext WithBacklog(OrgData data, IReadOnlyList<CaseSnapshot> cases, Policy policy)
    {
        // The backlog rules count open cases per owner and pack: the packs are decided with the same org data.
        var partial = new OrgContext(data);
        return partial.WithOpenCases(cases.Select(c => OpenRef(c, partial, policy)).OfType<OpenCaseRef>().ToList(), cases.Any(ShowsOwnerHistory));
    }

    /// <summary>How a case counts in its owner's backlog: null when it is closed or belongs to no pack.</summary>
    /// <param name="partial">The org context without the backlog (the pack is decided from the org data alone).</param>
    public static OpenCaseRef? OpenRef(CaseSnapshot c, OrgContext partial, Policy policy) =>
        c.IsClosed || PolicySettings.Is(policy.Settings.ClosedStatuses, c.Status) || PackSelector.PackOf(c, new CaseJourney(c, partial), partial, policy) is not { } pack
            ? null
            : new OpenCaseRef(c.Id, c.OwnerId, pack, c.CreatedDate, Rules.SpecialService.KeyAccount.Is(c.AccountId, partial, policy));

    /// <summary>Whether a case's record shows owner changes: then the org records owner history.</summary>
    public static bool ShowsOwnerHistory(CaseSnapshot c) => c.Changes(FieldChange.OwnerField).Any();

    /// <summary>The org data the rules read, without the backlog (<see cref="OrgData.OpenCases"/>, <see cref="OrgData.TracksOwnerHistory"/>).</summary>
    public static OrgData Data(OrgSnapshot snapshot, Policy policy, WorkerKnowledge? worker = null) =>
        // The snapshot holds its records already: every read completes at once.
        DataAsync(name => snapshot.Records(name).ToAsyncEnumerable(), snapshot.SourceOf, policy, worker ?? NoWorker(snapshot)).GetAwaiter().GetResult();

    /// <summary>
    /// The org data from records read one object at a time by <paramref name="read"/>: each object's records are turned
    /// into the compact data the rules read as they are read, so no object's records are held at once (the stored
    /// Omni-Channel rows of a large org are tens of thousands). <paramref name="sourceOf"/> names where an object's
    /// records came from, for errors.
    /// </summary>
    public static async Task<OrgData> DataAsync(Func<string, IAsyncEnumerable<SObjectRecord>> read, Func<string, string> sourceOf, Policy policy, WorkerKnowledge worker)
    {
        // A record that cannot be converted names where it came from; a failure to read the rows (the database, a
        // shutdown) is thrown as it was, not taken for bad data.
        async Task<T> From<T>(string objectName, Func<IAsyncEnumerable<SObjectRecord>, ValueTask<T>> convert)
        {
            try
            {
                return await convert(Reading(read(objectName)));
            }
            catch (ReadFailed failed)
            {
                ExceptionDispatchInfo.Throw(failed.InnerException!);
                throw;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
            {
                throw new InvalidDataException($"{sourceOf(objectName)}: {ex.Message}", ex);
            }
        }

        var statuses = await From("ServicePresenceStatus", records => records.Where(s => SalesforceId.IsValid(s.Id))
            .ToDictionaryAsync(s => SalesforceId.To18(s.Id!), s => s.GetString("DeveloperName"), StringComparer.OrdinalIgnoreCase));
        var groups = await From("Group", records => records.Where(g => g.Id is not null)
            .Select(g => new QueueInfo(g.Id!, g.GetString("DeveloperName") ?? g.Id!, g.GetString("Name"), g.GetString("Type")) { RelatedId = g.GetString("RelatedId") }).ToListAsync());
        var accounts = await From("Account", records => records.Where(a => a.Id is not null).Select(a => new AccountInfo(a.Id!, a.GetString("Name"),
            a.GetBoolean(policy.FieldOnParent(LogicalField.KeyAccountFlag)) ?? false, a.GetDecimal(policy.FieldOnParent(LogicalField.StoreCount)))).ToListAsync());
        var agentWork = await From("AgentWork", records => records.Select(AgentWorkOf).OfType<AgentWorkInfo>().ToListAsync());
        var pending = await From("PendingServiceRouting", records => records.Select(PendingOf).OfType<PendingRoutingInfo>().ToListAsync());
        var sessions = await From("MessagingSession", records => records.Where(m => m.Id is not null && SalesforceId.IsValid(m.GetString("CaseId")))
            .ToDictionaryAsync(m => SalesforceId.To18(m.Id!), m => m.GetString("CaseId")!, StringComparer.OrdinalIgnoreCase));
        var messages = await From("ConversationEntry", records => records
            .Where(e => SalesforceId.IsValid(e.GetString("ConversationId")) && sessions.ContainsKey(SalesforceId.To18(e.GetString("ConversationId")!)) && e.GetDateTime("EntryTime") is not null)
            .Select(e => new MessagingEntry(sessions[SalesforceId.To18(e.GetString("ConversationId")!)], e.GetString("ActorType"), e.GetString("ActorId"),
                e.GetDateTime("EntryTime")!.Value, e.GetString("Message"))).ToListAsync());
        var users = await From("User", records => records.Where(u => u.Id is not null)
            .Select(u => new UserInfo(u.Id!, u.GetString("Name"), u.GetString("ManagerId"), u.GetBoolean("IsActive") ?? true)
            {
                UserType = u.GetString("UserType"),
                RoleId = u.GetString("UserRoleId"),
            }).ToListAsync());
        var members = await From("GroupMember", records => records.Where(m => m.GetString("GroupId") is not null && m.GetString("UserOrGroupId") is not null)
            .Select(m => (m.GetString("GroupId")!, m.GetString("UserOrGroupId")!)).ToListAsync());
        var roles = await From("UserRole", records => records.Where(r => r.Id is not null).Select(r => new RoleInfo(r.Id!, r.GetString("ParentRoleId"))).ToListAsync());
        var presence = await From("UserServicePresence", records => records.Where(p => p.GetString("UserId") is not null && p.GetBoolean("IsCurrentState") != false)
            .Select(p => new PresenceInfo(p.GetString("UserId")!,
                p.GetString("ServicePresenceStatus.DeveloperName") ?? statuses.GetValueOrDefault(SalesforceId.IsValid(p.GetString("ServicePresenceStatusId")) ? SalesforceId.To18(p.GetString("ServicePresenceStatusId")!) : ""),
                p.GetDateTime("StatusStartDate"), p.GetBoolean("IsAway") ?? false)).ToListAsync());

        return new OrgData
        {
            Users = users,
            Groups = groups,
            Members = members,
            Roles = roles,
            AgentWork = agentWork,
            Pending = pending,
            FirstRoutings = worker.FirstRoutings,
            Presence = presence,
            Accounts = accounts,
            Gar = worker.Gar,
            GarChecked = worker.GarAnswered?.Keys,
            GarAnswered = worker.GarAnswered,
            GarFoundLately = worker.GarFoundLately,
            Messages = messages,
            SystemUsers = policy.Settings.SystemUsers.Concat(worker.SelfUserId is { } self ? [self] : []).ToList(),
        };
    }

    /// <summary>The records as <paramref name="rows"/> gives them, any failure to give the next one carried in <see cref="ReadFailed"/>.</summary>
    private static async IAsyncEnumerable<SObjectRecord> Reading(IAsyncEnumerable<SObjectRecord> rows)
    {
        await using var next = rows.GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await next.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception ex)
            {
                throw new ReadFailed(ex);
            }

            yield return next.Current;
        }
    }

    /// <summary>Reading the rows failed (not converting one): thrown again as it was by <see cref="DataAsync"/>.</summary>
    private sealed class ReadFailed(Exception inner) : Exception(inner.Message, inner);

    /// <summary>What a snapshot alone tells in place of the worker's own knowledge: its GAR orders, seen at no instant.</summary>
    private static WorkerKnowledge NoWorker(OrgSnapshot snapshot) => new() { Gar = snapshot.Gar?.Select(o => new GarObservation(o, null)).ToList() };
}
