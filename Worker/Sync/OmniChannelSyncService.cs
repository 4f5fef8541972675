using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>
/// Refreshes, in bulk and once per cycle, what the rules need beyond cases: users, queues and public groups with
/// their members, presence statuses, current presences, pending routing, AgentWork (incremental) and the accounts
/// of tracked cases. A constant number of calls, whatever the number of cases.
/// </summary>
public sealed class OmniChannelSyncService(SalesforceClient client, IStateStore store, PolicyProvider policy, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<OmniChannelSyncService> logger)
{
    private static readonly string[] GroupTypes = ["Queue", "Regular"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var users = await ReplaceAsync("User", Soql.Create($"SELECT Id, Name, ManagerId, IsActive FROM User WHERE IsActive = {true}"), cancellationToken);
        var groups = await ReplaceAsync("Group", Soql.Create($"SELECT Id, Name, DeveloperName, Type FROM Group WHERE Type IN {GroupTypes}"), cancellationToken);
        var members = await ReplaceAsync("GroupMember", Soql.Create($"SELECT Id, GroupId, UserOrGroupId FROM GroupMember"), cancellationToken);
        await ReplaceAsync("ServicePresenceStatus", Soql.Create($"SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus"), cancellationToken);
        var presences = await ReplaceAsync("UserServicePresence",
            Soql.Create($"SELECT Id, UserId, ServicePresenceStatusId, StatusStartDate, IsCurrentState, IsAway FROM UserServicePresence WHERE IsCurrentState = {true}"), cancellationToken);
        // Omni deletes a PendingServiceRouting row once work is accepted: the whole (small) set is re-read each cycle.
        var pending = await ReplaceAsync("PendingServiceRouting", Soql.Create($"SELECT Id, WorkItemId, GroupId, QueueId, CreatedDate FROM PendingServiceRouting"), cancellationToken);
        var agentWork = await SyncAgentWorkAsync(cancellationToken);
        var accounts = await SyncAccountsAsync(cancellationToken);
        SyncLog.OmniChannelSync(logger, users, groups, members, presences, pending, agentWork, accounts);
    }

    private async Task<int> ReplaceAsync(string objectName, Soql soql, CancellationToken cancellationToken)
    {
        var records = await client.QueryAsync(soql, cancellationToken: cancellationToken).Select(r => r.Json).ToListAsync(cancellationToken);
        await store.ReplaceOrgRecordsAsync(objectName, records, cancellationToken);
        return records.Count;
    }

    private async Task<int> SyncAgentWorkAsync(CancellationToken cancellationToken)
    {
        var watermark = await store.GetWatermarkAsync("AgentWork", cancellationToken);
        var soql = watermark is { } w
            ? Soql.Create($"SELECT Id, WorkItemId, UserId, OriginalGroupId, Status, RequestDateTime, AcceptDateTime, SystemModstamp, IsDeleted FROM AgentWork WHERE SystemModstamp > {w - options.Value.Overlap} ORDER BY SystemModstamp")
            : Soql.Create($"SELECT Id, WorkItemId, UserId, OriginalGroupId, Status, RequestDateTime, AcceptDateTime, SystemModstamp, IsDeleted FROM AgentWork WHERE SystemModstamp > {time.GetUtcNow().AddDays(-options.Value.AgentWorkBackfillDays)} ORDER BY SystemModstamp");
        var count = 0;
        await foreach (var page in client.QueryPagesAsync(soql, new QueryOptions { IncludeDeleted = watermark is not null }, cancellationToken))
        {
            var live = page.Where(r => r.GetBoolean("IsDeleted") != true).Select(r => r.Json).ToList();
            var deleted = page.Where(r => r.GetBoolean("IsDeleted") == true).Select(r => r.Id!).ToList();
            var max = page.Select(r => r.GetDateTime("SystemModstamp")).Where(d => d is not null).Max();
            watermark = max is { } m && (watermark is null || m > watermark) ? m : watermark;
            await store.MergeOrgRecordsAsync("AgentWork", live, deleted, watermark, cancellationToken);
            count += page.Count;
        }

        return count;
    }

    /// <summary>Accounts of tracked cases, 200 ids per query (a URI stays far below Salesforce's 16 KB limit).</summary>
    private async Task<int> SyncAccountsAsync(CancellationToken cancellationToken)
    {
        var ids = (await store.LoadTrackedCasesAsync(cancellationToken)).Select(c => c["AccountId"]?.GetValue<string>())
            .Where(SalesforceId.IsValid).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var flag = SoqlIdentifier.Parse(policy.Current.FieldOnParent(LogicalField.KeyAccountFlag));
        var stores = SoqlIdentifier.Parse(policy.Current.FieldOnParent(LogicalField.StoreCount));
        var accounts = new List<JsonObject>();
        foreach (var chunk in ids.Chunk(200))
        {
            accounts.AddRange(await client.QueryAsync(Soql.Create($"SELECT Id, Name, {flag}, {stores} FROM Account WHERE Id IN {chunk}"), cancellationToken: cancellationToken)
                .Select(r => r.Json).ToListAsync(cancellationToken));
        }

        await store.ReplaceOrgRecordsAsync("Account", accounts, cancellationToken);
        return accounts.Count;
    }
}
