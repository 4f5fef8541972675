using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>
/// Refreshes, in bulk and once per cycle, what the rules need beyond cases: internal users (inactive ones too, so
/// they are never mentioned), queues, public and role groups with their members and the role hierarchy, presence
/// statuses, current presences, pending routing (remembering each case's first routing to a queue, since Omni
/// deletes the row on acceptance), AgentWork (incremental), messaging sessions when they count as contacts, and the
/// accounts of tracked cases. A constant number of calls, whatever the number of cases (accounts: one per 200).
/// </summary>
public sealed class OmniChannelSyncService(SalesforceClient client, SalesforceTokenProvider tokens, IStateStore store, PolicyProvider policy,
    IOptions<SyncOptions> options, TimeProvider time, ILogger<OmniChannelSyncService> logger)
{
    /// <summary>The org record that names the integration user the worker acts as (its records are never an agent's).</summary>
    public const string WorkerUserObject = "SfBridgeUser";

    /// <summary>The watermark set once the org's users have been read: until then the sweep waits (see <see cref="SlaSweepService"/>).</summary>
    public const string UsersReadMark = "UsersRead";

    /// <summary>When the last complete Omni-Channel and org-data sync started: what the stored routing rows are as of.</summary>
    public const string SyncedMark = "OmniChannelSynced";

    private static readonly string[] GroupTypes = ["Queue", "Regular", "Role", "RoleAndSubordinates", "RoleAndSubordinatesInternal"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // What changed decides which cases the next sweep judges again: people, groups, roles and accounts can
        // change any verdict or mention; routing and messaging only those of their cases; presence only cases waiting.
        var started = time.GetUtcNow();
        var everyCase = false;
        var dirty = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (users, changed) = await ReplaceAsync("User", Soql.Create($"SELECT Id, Name, ManagerId, IsActive, UserType, UserRoleId FROM User WHERE UserType = {"Standard"}"), cancellationToken);
        everyCase |= changed.Count > 0;
        await store.SetWatermarkAsync(UsersReadMark, time.GetUtcNow(), cancellationToken);
        if ((await tokens.GetTokenAsync(cancellationToken)).UserId is { } self)
        {
            everyCase |= (await store.ReplaceOrgRecordsAsync(WorkerUserObject, [new SObjectRecord(new JsonObject { ["Id"] = self })], cancellationToken)).Count > 0;
        }

        (var groups, changed) = await ReplaceAsync("Group", Soql.Create($"SELECT Id, Name, DeveloperName, Type, RelatedId FROM Group WHERE Type IN {GroupTypes}"), cancellationToken);
        everyCase |= changed.Count > 0;
        (var members, changed) = await ReplaceAsync("GroupMember", Soql.Create($"SELECT Id, GroupId, UserOrGroupId FROM GroupMember"), cancellationToken);
        everyCase |= changed.Count > 0;
        everyCase |= (await ReplaceAsync("UserRole", Soql.Create($"SELECT Id, DeveloperName, ParentRoleId FROM UserRole"), cancellationToken)).Changed.Count > 0;
        everyCase |= (await ReplaceAsync("ServicePresenceStatus", Soql.Create($"SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus"), cancellationToken)).Changed.Count > 0;
        (var presences, var presenceChanges) = await ReplaceAsync("UserServicePresence",
            Soql.Create($"SELECT Id, UserId, ServicePresenceStatusId, StatusStartDate, IsCurrentState, IsAway FROM UserServicePresence WHERE IsCurrentState = {true}"), cancellationToken);
        // Omni deletes a PendingServiceRouting row once work is accepted: the whole (small) set is re-read each cycle.
        var pending = await client.QueryAsync(Soql.Create($"SELECT Id, WorkItemId, GroupId, QueueId, CreatedDate FROM PendingServiceRouting"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        await store.RememberFirstRoutingsAsync(pending
            .Where(p => SalesforceId.HasPrefix(p.GetString("WorkItemId"), SalesforceId.CasePrefix) && SalesforceId.IsValid(p.GetString("GroupId") ?? p.GetString("QueueId")) && p.GetDateTime("CreatedDate") is not null)
            .Select(p => new FirstRoutingInfo(p.GetString("WorkItemId")!, (p.GetString("GroupId") ?? p.GetString("QueueId"))!, p.GetDateTime("CreatedDate")!.Value)).ToList(), cancellationToken);
        dirty.UnionWith(Ids(await store.ReplaceOrgRecordsAsync("PendingServiceRouting", pending, cancellationToken), "WorkItemId"));
        if (presenceChanges.Count > 0)
        {
            dirty.UnionWith(pending.Select(p => p.GetString("WorkItemId")).OfType<string>()); // PIT-03 reads who is available for work waiting
        }

        var (agentWork, workCases) = await SyncAgentWorkAsync(cancellationToken);
        dirty.UnionWith(workCases);
        var messaging = 0;
        if (policy.Current.Settings.ContactSources.Contains(Interaction.Messaging))
        {
            (messaging, var sessionCases) = await SyncMessagingAsync(cancellationToken);
            dirty.UnionWith(sessionCases);
        }

        var (accounts, accountChanges) = await SyncAccountsAsync(cancellationToken);
        everyCase |= accountChanges.Count > 0;
        await store.MarkCasesDirtyAsync(everyCase ? null : dirty, cancellationToken);
        await store.SetWatermarkAsync(SyncedMark, started, cancellationToken);
        SyncLog.OmniChannelSync(logger, users, groups, members, presences, pending.Count, agentWork, messaging, accounts);
    }

    /// <summary>
    /// The AgentWork rows and pending routings of some cases as Salesforce holds them now (two queries per 200 cases),
    /// for judging them at an instant between syncs: an acceptance in the minutes since the last sync stops a clock
    /// that the stored rows would show still running. Nothing is stored: the next sync reads them in its own order.
    /// </summary>
    public async Task<(List<AgentWorkInfo> Work, List<PendingRoutingInfo> Pending)> ReadAgainAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        var work = new List<AgentWorkInfo>();
        var pending = new List<PendingRoutingInfo>();
        foreach (var chunk in caseIds.Where(SalesforceId.IsValid).Order(StringComparer.Ordinal).Chunk(200))
        {
            await foreach (var w in client.QueryAsync(Soql.Create($"SELECT Id, WorkItemId, UserId, OriginalGroupId, Status, RequestDateTime, AcceptDateTime FROM AgentWork WHERE WorkItemId IN {chunk}"),
                               cancellationToken: cancellationToken))
            {
                if (Snapshots.OrgContextBuilder.AgentWorkOf(w) is { } info)
                {
                    work.Add(info);
                }
            }

            await foreach (var p in client.QueryAsync(Soql.Create($"SELECT Id, WorkItemId, GroupId, QueueId, CreatedDate FROM PendingServiceRouting WHERE WorkItemId IN {chunk}"),
                               cancellationToken: cancellationToken))
            {
                if (Snapshots.OrgContextBuilder.PendingOf(p) is { } info)
                {
                    pending.Add(info);
                }
            }
        }

        return (work, pending);
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonObject> records, string field) =>
        records.Select(r => r[field]?.GetValue<string>()).OfType<string>();

    private async Task<(int Count, IReadOnlyList<JsonObject> Changed)> ReplaceAsync(string objectName, Soql soql, CancellationToken cancellationToken)
    {
        var records = await client.QueryAsync(soql, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return (records.Count, await store.ReplaceOrgRecordsAsync(objectName, records, cancellationToken));
    }

    /// <summary>
    /// Messaging sessions linked to cases, changed since the watermark, and their conversation entries (who wrote, when).
    /// Only where settings.csv counts messaging as a contact: an org without Messaging has no such objects.
    /// </summary>
    private async Task<(int Count, IReadOnlyList<string> Cases)> SyncMessagingAsync(CancellationToken cancellationToken)
    {
        var watermark = await store.GetWatermarkAsync("MessagingSession", cancellationToken);
        var since = watermark is { } w ? w - options.Value.Overlap : time.GetUtcNow().AddDays(-options.Value.AgentWorkBackfillDays);
        var sessions = await client.QueryAsync(Soql.Create($"SELECT Id, CaseId, SystemModstamp FROM MessagingSession WHERE CaseId != {(string?)null} AND SystemModstamp > {since} ORDER BY SystemModstamp"),
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var entries = new List<SObjectRecord>();
        foreach (var chunk in sessions.Select(s => s.Id!).Chunk(200))
        {
            entries.AddRange(await client.QueryAsync(Soql.Create($"SELECT Id, ConversationId, ActorType, ActorId, EntryTime, Message FROM ConversationEntry WHERE ConversationId IN {chunk}"),
                cancellationToken: cancellationToken).ToListAsync(cancellationToken));
        }

        var max = sessions.Select(r => r.GetDateTime("SystemModstamp")).Where(d => d is not null).Max();
        var changedEntries = await store.MergeOrgRecordsAsync("ConversationEntry", entries, [], null, cancellationToken);
        var changedSessions = await store.MergeOrgRecordsAsync("MessagingSession", sessions, [],
            max is { } m && (watermark is null || m > watermark) ? m : watermark, cancellationToken);
        var touched = Ids(changedEntries, "ConversationId").ToHashSet(StringComparer.Ordinal);
        var cases = sessions.Where(s => touched.Contains(s.Id ?? "")).Select(s => s.GetString("CaseId")).OfType<string>().Concat(Ids(changedSessions, "CaseId")).ToList();
        return (sessions.Count, cases);
    }

    /// <summary>AgentWork changed since the watermark, page by page; the cases whose work changed (only their ids are kept).</summary>
    private async Task<(int Count, HashSet<string> Cases)> SyncAgentWorkAsync(CancellationToken cancellationToken)
    {
        var watermark = await store.GetWatermarkAsync("AgentWork", cancellationToken);
        var soql = watermark is { } w
            ? Soql.Create($"SELECT Id, WorkItemId, UserId, OriginalGroupId, Status, RequestDateTime, AcceptDateTime, DeclineDateTime, SystemModstamp, IsDeleted FROM AgentWork WHERE SystemModstamp > {w - options.Value.Overlap} ORDER BY SystemModstamp")
            : Soql.Create($"SELECT Id, WorkItemId, UserId, OriginalGroupId, Status, RequestDateTime, AcceptDateTime, DeclineDateTime, SystemModstamp, IsDeleted FROM AgentWork WHERE SystemModstamp > {time.GetUtcNow().AddDays(-options.Value.AgentWorkBackfillDays)} ORDER BY SystemModstamp");
        var count = 0;
        var cases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var page in client.QueryPagesAsync(soql, new QueryOptions { IncludeDeleted = watermark is not null }, cancellationToken))
        {
            var live = page.Where(r => r.GetBoolean("IsDeleted") != true).ToList();
            var deleted = page.Where(r => r.GetBoolean("IsDeleted") == true).Select(r => r.Id!).ToList();
            var max = page.Select(r => r.GetDateTime("SystemModstamp")).Where(d => d is not null).Max();
            watermark = max is { } m && (watermark is null || m > watermark) ? m : watermark;
            cases.UnionWith(Ids(await store.MergeOrgRecordsAsync("AgentWork", live, deleted, watermark, cancellationToken), "WorkItemId"));
            count += page.Count;
        }

        return (count, cases);
    }

    /// <summary>Accounts of tracked cases, 200 ids per query (a URI stays far below Salesforce's 16 KB limit).</summary>
    private async Task<(int Count, IReadOnlyList<JsonObject> Changed)> SyncAccountsAsync(CancellationToken cancellationToken)
    {
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new List<string>(); // in the order of their first case
        await StoredState.ForEachFactsAsync(store, policy.Current, (_, facts) =>
        {
            if (SalesforceId.IsValid(facts.AccountId) && distinct.Add(facts.AccountId!))
            {
                ids.Add(facts.AccountId!);
            }
        }, cancellationToken);
        var flag = SoqlIdentifier.Parse(policy.Current.FieldOnParent(LogicalField.KeyAccountFlag));
        var stores = SoqlIdentifier.Parse(policy.Current.FieldOnParent(LogicalField.StoreCount));
        var accounts = new List<SObjectRecord>();
        foreach (var chunk in ids.Chunk(200))
        {
            accounts.AddRange(await client.QueryAsync(Soql.Create($"SELECT Id, Name, {flag}, {stores} FROM Account WHERE Id IN {chunk}"), cancellationToken: cancellationToken)
                .ToListAsync(cancellationToken));
        }

        return (accounts.Count, await store.ReplaceOrgRecordsAsync("Account", accounts, cancellationToken));
    }
}
