using System.Text.Json.Nodes;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Snapshots;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>The tracked cases as stored, read under the current mappings; those that cannot be read, with why.</summary>
public sealed record StoredCases(IReadOnlyList<(CaseSnapshot Case, TrackedCase Stored)> Cases, IReadOnlyList<(string Id, string Error)> Unreadable);

/// <summary>
/// What the worker knows, read back from the state database: the tracked cases and the org around them (users,
/// groups, roles, Omni-Channel state, accounts, messaging, GAR answers with when they were seen, remembered first
/// routings, the user SfBridge acts as). The sweep judges from it; explain --state shows the same judgement.
/// </summary>
public static class StoredState
{
    public static async Task<StoredCases> LoadCasesAsync(IStateStore store, Policy policy, CancellationToken cancellationToken)
    {
        var cases = new List<(CaseSnapshot, TrackedCase)>();
        var unreadable = new List<(string, string)>();
        foreach (var tracked in await store.LoadTrackedCasesAsync(cancellationToken))
        {
            var (c, error, id) = Read(tracked, policy);
            if (c is null)
            {
                unreadable.Add((id ?? "?", error!));
                continue;
            }

            cases.Add((c, tracked));
        }

        return new StoredCases(cases, unreadable);
    }

    /// <summary>The org context for judging <paramref name="cases"/> (all tracked cases: backlogs count per owner).</summary>
    public static async Task<OrgContext> LoadOrgAsync(IStateStore store, Policy policy, IReadOnlyList<CaseSnapshot> cases, CancellationToken cancellationToken) =>
        OrgContextBuilder.WithBacklog(await LoadOrgDataAsync(store, policy, cancellationToken), cases, policy);

    /// <summary>The stored org data without the backlog: users, groups, Omni-Channel, accounts, messaging, GAR answers, first routings, the worker's own user.</summary>
    public static async Task<OrgData> LoadOrgDataAsync(IStateStore store, Policy policy, CancellationToken cancellationToken)
    {
        // GAR answers with the instant each was seen; when GAR was unusable there are none and GSO-05 waits instead of guessing.
        var gar = await Gar.GarAuditService.ReadAsync(store, cancellationToken);
        var self = await store.LoadOrgRecordsAsync(OmniChannelSyncService.WorkerUserObject, cancellationToken);
        var worker = new WorkerKnowledge
        {
            Gar = gar?.Found,
            GarAnswered = gar?.Answered,
            GarFoundLately = gar?.FoundLately,
            FirstRoutings = await store.LoadFirstRoutingsAsync(cancellationToken),
            SelfUserId = self.Count > 0 ? self[0]["Id"]?.GetValue<string>() : null,
        };

        // One object's records at a time: at 100,000 cases the routing and agent-work rows alone are tens of thousands.
        return await OrgContextBuilder.DataAsync(
            name => store.ReadOrgRecordTextsAsync(name, cancellationToken).Select(json => new SObjectRecord(JsonNode.Parse(json)!.AsObject())),
            name => $"stored {name} records", policy, worker);
    }

    /// <summary>
    /// Reads stored cases under the current mappings: each with its stored state, or the reason it cannot be read.
    /// </summary>
    public static CaseRead Read(TrackedCase tracked, Policy policy)
    {
        if (tracked.Json.Length == 0)
        {
            return new CaseRead(null, "no Salesforce record is stored for it", tracked.Id);
        }

        var read = CaseReader.Read(tracked.Json, policy.Fields);
        if (read.Id is null)
        {
            read = read with { Id = tracked.Id }; // an unreadable record is named by the id it is stored under
        }

        return read.Case is { } c && tracked.Pack is { } pack ? read with { Case = c with { RememberedPack = (pack, tracked.PackRecordType) } } : read;
    }

    /// <summary>
    /// Hands over every tracked case's facts (owner, account, GAR order, category) as they are read from their columns;
    /// a case stored before those were kept is read from its record afterwards, in batches. Nothing is held per case.
    /// </summary>
    public static async Task ForEachFactsAsync(IStateStore store, Policy policy, Action<string, CaseFacts> read, CancellationToken cancellationToken)
    {
        var withoutFacts = new List<string>();
        await store.ForEachCaseFactsAsync((id, facts) =>
        {
            if (facts is null)
            {
                withoutFacts.Add(id);
            }
            else
            {
                read(id, facts);
            }
        }, cancellationToken);
        await store.ForEachTrackedCaseAsync(withoutFacts, tracked =>
        {
            if (Read(tracked, policy).Case is { } c)
            {
                read(c.Id, CaseFacts.Of(c));
            }
        }, cancellationToken);
    }
}
