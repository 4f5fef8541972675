using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>Builds the rules' <see cref="OrgContext"/> from snapshot records of users, groups, Omni-Channel, accounts and cases.</summary>
public static class OrgContextBuilder
{
    public static OrgContext Build(OrgSnapshot snapshot, IReadOnlyList<CaseSnapshot> cases, Policy policy, IEnumerable<string>? garChecked = null)
    {
        var statuses = snapshot.Records("ServicePresenceStatus").Where(s => s.Id is not null)
            .ToDictionary(s => SalesforceId.To18(s.Id!), s => s.GetString("DeveloperName"), StringComparer.OrdinalIgnoreCase);
        var groups = snapshot.Records("Group").Where(g => g.Id is not null)
            .Select(g => new QueueInfo(g.Id!, g.GetString("DeveloperName") ?? g.Id!, g.GetString("Name"), g.GetString("Type"))).ToList();
        var accounts = snapshot.Records("Account").Where(a => a.Id is not null).Select(a => new AccountInfo(a.Id!, a.GetString("Name"),
            a.GetBoolean(policy.FieldOnParent(LogicalField.KeyAccountFlag)) ?? false, a.GetDecimal(policy.FieldOnParent(LogicalField.StoreCount)))).ToList();
        var partial = new OrgContext(groups: groups);
        var open = cases.Where(c => !c.IsClosed && !PolicySettings.Is(policy.Settings.ClosedStatuses, c.Status))
            .Select(c => (Case: c, Pack: PackSelector.PackOf(c, partial, policy)))
            .Where(x => x.Pack is not null)
            .Select(x => new OpenCaseRef(x.Case.Id, x.Case.OwnerId, x.Pack!, x.Case.CreatedDate));

        return new OrgContext(
            users: snapshot.Records("User").Where(u => u.Id is not null)
                .Select(u => new UserInfo(u.Id!, u.GetString("Name"), u.GetString("ManagerId"), u.GetBoolean("IsActive") ?? true)),
            groups: groups,
            members: snapshot.Records("GroupMember").Where(m => m.GetString("GroupId") is not null && m.GetString("UserOrGroupId") is not null)
                .Select(m => (m.GetString("GroupId")!, m.GetString("UserOrGroupId")!)),
            agentWork: snapshot.Records("AgentWork").Where(w => w.GetString("WorkItemId") is not null)
                .Select(w => new AgentWorkInfo(w.GetString("WorkItemId")!, w.GetString("UserId"), w.GetString("OriginalGroupId") ?? w.GetString("OriginalQueueId"),
                    w.GetString("Status"), w.GetDateTime("RequestDateTime"), w.GetDateTime("AcceptDateTime"))),
            pending: snapshot.Records("PendingServiceRouting").Where(p => p.GetString("WorkItemId") is not null && p.GetDateTime("CreatedDate") is not null)
                .Select(p => new PendingRoutingInfo(p.GetString("WorkItemId")!, p.GetString("GroupId") ?? p.GetString("QueueId"), p.GetDateTime("CreatedDate")!.Value)),
            presence: snapshot.Records("UserServicePresence").Where(p => p.GetString("UserId") is not null && p.GetBoolean("IsCurrentState") != false)
                .Select(p => new PresenceInfo(p.GetString("UserId")!,
                    p.GetString("ServicePresenceStatus.DeveloperName") ?? statuses.GetValueOrDefault(SalesforceId.IsValid(p.GetString("ServicePresenceStatusId")) ? SalesforceId.To18(p.GetString("ServicePresenceStatusId")!) : ""),
                    p.GetDateTime("StatusStartDate"), p.GetBoolean("IsAway") ?? false)),
            accounts: accounts,
            gar: snapshot.Gar,
            openCases: open,
            garChecked: garChecked);
    }
}
