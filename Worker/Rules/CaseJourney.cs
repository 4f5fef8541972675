using SfBridge.Salesforce;

namespace SfBridge.Rules;

/// <summary>
/// Where a case has been: the first time it reached each queue, from its owner history, its Omni-Channel routing
/// (AgentWork requests, pending routing and the first routings the worker remembers) and its current owner.
/// </summary>
public sealed class CaseJourney(CaseSnapshot c, OrgContext org)
{
    private Dictionary<string, (DateTimeOffset At, string? ById)>? _first;
    private HashSet<string>? _routed; // made only for a case Omni-Channel routed

    /// <summary>
    /// Whether every queue the case held is known: its owner changes are on record, or the org records owner
    /// history and this case never changed owner. Otherwise "it never reached X" cannot be said.
    /// </summary>
    public bool KnowsEveryQueue => org.TracksOwnerHistory || c.Changes(FieldChange.OwnerField).Any(h => SalesforceId.IsValid(h.NewValue));

    /// <summary>Every queue the case reached (18-character ids).</summary>
    public IEnumerable<string> Queues => First.Keys;

    /// <summary>When the case first reached the queue, and who sent it there when known.</summary>
    public (DateTimeOffset At, string? ById)? FirstReached(string? queueId) =>
        SalesforceId.IsValid(queueId) && First.TryGetValue(SalesforceId.To18(queueId!), out var first) ? first : null;

    /// <summary>
    /// Whether an Omni-Channel row (a routing, an offer, or the first routing the worker remembers) says the case was routed
    /// into the queue: where the org keeps no owner history, only that says when a case reached a queue.
    /// </summary>
    public bool RoutedInto(string? queueId)
    {
        _ = First; // the routings are read with the rest of the journey
        return SalesforceId.IsValid(queueId) && _routed?.Contains(SalesforceId.To18(queueId!)) == true;
    }

    // Computed on first use: most cases are decided and judged without looking at where they have been.
    private Dictionary<string, (DateTimeOffset At, string? ById)> First => _first ??= Compute();

    private Dictionary<string, (DateTimeOffset At, string? ById)> Compute()
    {
        var first = new Dictionary<string, (DateTimeOffset At, string? ById)>(StringComparer.OrdinalIgnoreCase);
        var ownerChanges = new List<FieldChange>();
        var owners = c.Changes(FieldChange.OwnerField);
        for (var i = 0; i < owners.Count; i++)
        {
            if (SalesforceId.IsValid(owners[i].NewValue))
            {
                ownerChanges.Add(owners[i]);
            }
        }

        for (var i = 0; i < ownerChanges.Count; i++)
        {
            var change = ownerChanges[i];
            if (SalesforceId.HasPrefix(change.NewValue, SalesforceId.GroupPrefix))
            {
                Reach(change.NewValue!, change.At, change.ById);
            }

            // The queue it left was held since the change before (or since creation): it reached it then.
            if (SalesforceId.HasPrefix(change.OldValue, SalesforceId.GroupPrefix))
            {
                Reach(change.OldValue!, i > 0 ? ownerChanges[i - 1].At : c.CreatedDate, i > 0 ? ownerChanges[i - 1].ById : c.CreatedById);
            }
        }

        var works = org.AgentWork(c.Id);
        for (var i = 0; i < works.Count; i++)
        {
            if (works[i] is { GroupId: { } group, RequestDateTime: { } requested })
            {
                Routed(group, requested);
            }
        }

        var pendings = org.Pending(c.Id);
        for (var i = 0; i < pendings.Count; i++)
        {
            if (pendings[i] is { GroupId: { } group } pending)
            {
                Routed(group, pending.CreatedDate);
            }
        }

        var routings = org.FirstRoutings(c.Id);
        for (var i = 0; i < routings.Count; i++)
        {
            Routed(routings[i].QueueId, routings[i].At);
        }

        if (SalesforceId.HasPrefix(c.OwnerId, SalesforceId.GroupPrefix))
        {
            if (ownerChanges.Count > 0)
            {
                // The current queue was reached at the last owner change.
                Reach(c.OwnerId!, ownerChanges[^1].At, ownerChanges[^1].ById);
            }
            else if (org.TracksOwnerHistory || !first.ContainsKey(SalesforceId.To18(c.OwnerId!)))
            {
                // Never moved: it was created in the queue. Where the org keeps no owner history, creation is only the earliest it
                // can have arrived, and Omni-Channel's routing into the queue, when there is one, says when it did.
                Reach(c.OwnerId!, c.CreatedDate, c.CreatedById);
            }
        }

        return first;

        void Routed(string queueId, DateTimeOffset at)
        {
            if (SalesforceId.IsValid(queueId))
            {
                (_routed ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(SalesforceId.To18(queueId));
            }

            Reach(queueId, at, null);
        }

        void Reach(string queueId, DateTimeOffset at, string? byId)
        {
            if (!SalesforceId.IsValid(queueId))
            {
                return;
            }

            var key = SalesforceId.To18(queueId);
            if (!first.TryGetValue(key, out var known) || at < known.At)
            {
                first[key] = (at, byId ?? (known.At == at ? known.ById : null));
            }
        }
    }
}
