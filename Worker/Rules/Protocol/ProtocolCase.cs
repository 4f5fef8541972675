using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

internal static class ProtocolCase
{
    /// <summary>Sent to N2 or development: by the awaiting field or by status.</summary>
    public static bool IsTransferred(RuleContext c) =>
        Depth(c.Settings.TransferAwaitingValues, c.Case.Field(LogicalField.Awaiting)) >= 0 || PolicySettings.Is(c.Settings.TransferStatuses, c.Case.Status);

    /// <summary>
    /// The instants the case was sent to N2 or development, and who sent it, from its status and awaiting-field history.
    /// The case stands at a depth: none, N2 (a transfer status, or the first awaiting value), development (a later awaiting
    /// value); a change that takes it deeper than it stood is a transfer (into N2 from none; N2 to Desenvolvimento: the
    /// manual asks for the forwarding to development to be recorded too), one that keeps it where it was is not (the
    /// status set to "Aguardando N2" and, hours later, the awaiting field to N2 are one forwarding), nor is a return from
    /// development to N2. Changes saved together (within a minute) are one transfer.
    /// </summary>
    public static IReadOnlyList<Transfer> Transfers(RuleContext c)
    {
        var awaiting = c.Policy.Fields[LogicalField.Awaiting];
        var transfers = new List<Transfer>();
        var changes = c.Case.History.Where(h => IsStatusOrAwaiting(awaiting, h)).OrderBy(h => h.At).ToList();
        bool IsAwaiting(FieldChange h) => string.Equals(h.Field, awaiting, StringComparison.OrdinalIgnoreCase);
        // Where the case stood before its first change of each field.
        var byAwaiting = Depth(c.Settings.TransferAwaitingValues, changes.Find(IsAwaiting)?.OldValue); // the depth the awaiting field says
        var byStatus = PolicySettings.Is(c.Settings.TransferStatuses, changes.Find(h => !IsAwaiting(h))?.OldValue); // whether the status is a transfer status
        var cameBack = false; // the status left a transfer status since the last transfer: N2 gave the case back
        // Waiting on the customer is still where it stood: the awaiting field set to the customer meanwhile, and back to N2 when
        // the customer answers, is no new forwarding (-1: not waiting, or waiting from no depth). A case waits on the customer by
        // its status (status.pause) or by its awaiting field ("Cliente"), the status left as it was.
        var statusWaits = PolicySettings.Is(c.Settings.PauseStatuses, changes.Find(h => !IsAwaiting(h))?.OldValue ?? c.Case.Status);
        var awaitingWaits = OnTheCustomer(changes.Find(IsAwaiting) is { } firstAwaiting ? firstAwaiting.OldValue : c.Case.Field(LogicalField.Awaiting));
        var waiting = statusWaits || awaitingWaits;
        var waitingFrom = -1;
        DateTimeOffset? waitEnded = null; // the changes saved with the one that ended the wait are part of its end, in any order
        int Stands(DateTimeOffset at) =>
            Math.Max(Math.Max(byAwaiting, byStatus ? 0 : -1), waiting || (waitEnded is { } ended && at - ended <= FieldChange.SavedTogether) ? waitingFrom : -1);
        if (Math.Max(byAwaiting, byStatus ? 0 : -1) >= 0)
        {
            transfers.Add(new Transfer(c.Case.CreatedDate, c.Case.CreatedById)); // opened already sent to N2 or development
        }
        foreach (var h in changes)
        {
            var before = Stands(h.At);
            var statusEnters = false;
            var wasWaiting = waiting;
            if (IsAwaiting(h))
            {
                byAwaiting = Depth(c.Settings.TransferAwaitingValues, h.NewValue);
                awaitingWaits = OnTheCustomer(h.NewValue);
            }
            else
            {
                var was = byStatus;
                byStatus = PolicySettings.Is(c.Settings.TransferStatuses, h.NewValue);
                // Waiting on the customer is still N2's case: only another status gives it back.
                cameBack |= was && !byStatus && !PolicySettings.Is(c.Settings.PauseStatuses, h.NewValue);
                statusEnters = !was && byStatus;
                statusWaits = PolicySettings.Is(c.Settings.PauseStatuses, h.NewValue);
            }

            waiting = statusWaits || awaitingWaits;
            waitEnded = wasWaiting && !waiting ? h.At : waitEnded;
            // A wait after N2 gave the case back (its status left a transfer status) is N1's: the next send to N2 is a transfer.
            waitingFrom = cameBack ? -1 : waiting && !wasWaiting ? before : waitingFrom;

            // Deeper than it stood, or sent again by status after N2 gave it back (the awaiting field left at N2 meanwhile).
            if ((Stands(h.At) > before || (cameBack && statusEnters)) &&
                (transfers.Count == 0 || h.At - transfers[^1].At > FieldChange.SavedTogether))
            {
                transfers.Add(new Transfer(h.At, h.ById));
                cameBack = false;
            }
        }

        return transfers;
    }


    /// <summary>An awaiting value that waits on the customer ("Cliente", "Aguardando cliente"), accents and case ignored.</summary>
    private static bool OnTheCustomer(string? awaiting) => TextKey.Of(awaiting).Contains("cliente", StringComparison.Ordinal);

    /// <summary>A transfer to N2 or development: when, and who made it (null when the history does not say).</summary>
    public sealed record Transfer(DateTimeOffset At, string? ById);

    private static bool IsStatusOrAwaiting(string awaiting, FieldChange h) =>
        string.Equals(h.Field, FieldChange.StatusField, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Field, awaiting, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a value stands among the transfer values (0 for the first), -1 when it is none of them.</summary>
    private static int Depth(IReadOnlyList<string> order, string? value)
    {
        var key = TextKey.Of(value);
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The protocol belongs to the agent who opened it, wherever it went since (seed 003: "ainda será de propriedade do agente
    /// que criou"): they are told, and so are whoever holds it now, when another person, and the supervisor who follows it;
    /// first of all, the agent whose change the finding is about (<paramref name="actorId"/>: who transferred, closed or
    /// took the protocol), when the history names one.
    /// </summary>
    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c, string? actorId = null)
    {
        var actor = actorId is not null && c.Org.IsAgent(actorId) ? c.Person(actorId) : [];
        var opener = c.Org.IsAgent(c.Case.CreatedById) ? c.Person(c.Case.CreatedById) : [];
        var holder = Salesforce.SalesforceId.AreEqual(c.Case.OwnerId, c.Case.CreatedById) ? [] : c.Person(c.Case.OwnerId);
        return actor.Concat(opener).Concat(holder).Concat(c.Route("role:protocol_supervisor"));
    }
}
