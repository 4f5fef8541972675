using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.Gso;

/// <summary>
/// The case's return from GSO to N2 ("Concluído III", seed 000): the last time the status history shows it set. A return
/// still counts after the status moved on (N2 took the case up again, as the manual asks, before closing it), until the
/// case goes back to GSO: to its queue or to one of its people, routed there by Omni-Channel, or escalated again through
/// the Supervisor EPS queue.
/// </summary>
internal static class GsoReturn
{
    /// <summary>Every return the status history shows, oldest first.</summary>
    public static IEnumerable<FieldChange> Returns(RuleContext c)
    {
        var returnedKey = TextKey.Of(c.Settings.ReturnedStatus);
        return c.Case.Changes(FieldChange.StatusField).Where(h => TextKey.Of(h.NewValue) == returnedKey);
    }

    /// <summary>Whether the case stands returned, and the status change that returned it (null when the history does not show it).</summary>
    public static (bool Returned, FieldChange? Change) Of(RuleContext c) => c.Shared.GsoReturn ??= Find(c);

    private static (bool Returned, FieldChange? Change) Find(RuleContext c)
    {
        var change = Returns(c).MaxBy(h => h.At);
        if (change is null)
        {
            return (c.StatusIs(c.Settings.ReturnedStatus), null); // returned as far as the status says; when, the history does not
        }

        return (!BackToGso(c, change.At), change);
    }

    /// <summary>
    /// Whether the case was closed after it was returned (a change into a status that ends a case): N2 did what the return
    /// asks, and a later reopening is not that return's.
    /// </summary>
    public static bool ClosedSince(RuleContext c, DateTimeOffset returned) =>
        c.Case.Changes(FieldChange.StatusField).Any(h => h.At > returned && PolicySettings.Is(c.Settings.ClosedStatuses, h.NewValue));

    /// <summary>
    /// Whether the case went back to GSO after the return: to its queue or one of its people, routed there by Omni-Channel,
    /// or escalated again through the Supervisor EPS queue (seed 000's way in) after the save that returned it.
    /// </summary>
    private static bool BackToGso(RuleContext c, DateTimeOffset returned)
    {
        var gso = c.Queue(c.Settings.GsoQueue);
        var eps = c.Queue(c.Settings.EpsQueue);
        var again = returned + FieldChange.SavedTogether;
        bool EscalatedTo(string? queueId, DateTimeOffset at) =>
            (gso is not null && at > returned && SalesforceId.AreEqual(queueId, gso.Id)) || (eps is not null && at > again && SalesforceId.AreEqual(queueId, eps.Id));

        foreach (var h in c.Case.Changes(FieldChange.OwnerField))
        {
            if (EscalatedTo(h.NewValue, h.At) || (gso is not null && h.At > returned && c.Org.IsMember(gso.Id, h.NewValue)))
            {
                return true;
            }
        }

        foreach (var w in c.Org.AgentWork(c.Case.Id))
        {
            if (w.RequestDateTime is { } requested && EscalatedTo(w.GroupId, requested))
            {
                return true;
            }
        }

        foreach (var p in c.Org.Pending(c.Case.Id))
        {
            if (EscalatedTo(p.GroupId, p.CreatedDate))
            {
                return true;
            }
        }

        return false;
    }
}
