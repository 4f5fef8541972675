using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.Gso;

/// <summary>
/// The case's return from GSO to N2 ("Concluído III", seed 000): the last time the status history shows it set. A return
/// still counts after the status moved on (N2 took the case up again, as the manual asks, before closing it), until the
/// case goes back to GSO.
/// </summary>
internal static class GsoReturn
{
    /// <summary>Whether the case stands returned, and the status change that returned it (null when the history does not show it).</summary>
    public static (bool Returned, FieldChange? Change) Of(RuleContext c)
    {
        var returnedKey = TextKey.Of(c.Settings.ReturnedStatus);
        var change = c.Case.Changes(FieldChange.StatusField).Where(h => TextKey.Of(h.NewValue) == returnedKey).MaxBy(h => h.At);
        if (c.StatusIs(c.Settings.ReturnedStatus))
        {
            return (true, change);
        }

        var gso = c.Queue(c.Settings.GsoQueue);
        var backToGso = change is not null && gso is not null &&
                        c.Case.Changes(FieldChange.OwnerField).Any(h => h.At > change.At && SalesforceId.AreEqual(h.NewValue, gso.Id));
        return (change is not null && !backToGso, change);
    }
}
