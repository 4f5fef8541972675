using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

internal static class ProtocolCase
{
    /// <summary>Sent to N2 or development: by the awaiting field or by status.</summary>
    public static bool IsTransferred(RuleContext c) =>
        Depth(c.Settings.TransferAwaitingValues, c.Case.Field(LogicalField.Awaiting)) >= 0 || PolicySettings.Is(c.Settings.TransferStatuses, c.Case.Status);

    /// <summary>
    /// The instants the case was sent to N2 or development, and who sent it, from its status and awaiting-field history: a
    /// change into a transfer status or awaiting value, or from one awaiting value to a deeper one (N2 to Desenvolvimento:
    /// the manual asks for the forwarding to development to be recorded too; a return from development to N2 is not a
    /// transfer). Changes within protocol.transfer_record_window of each other (status and awaiting saved together) are
    /// one transfer, unless the later one sends the case deeper than the awaiting value the transfer reached.
    /// </summary>
    public static IReadOnlyList<Transfer> Transfers(RuleContext c)
    {
        var awaiting = c.Policy.Fields[LogicalField.Awaiting];
        var transfers = new List<Transfer>();
        var depth = -1; // the deepest awaiting value the current transfer reached (-1: by status only)
        foreach (var h in c.Case.History.Where(h => IsTransfer(c, awaiting, h)).OrderBy(h => h.At))
        {
            var to = string.Equals(h.Field, awaiting, StringComparison.OrdinalIgnoreCase) ? Depth(c.Settings.TransferAwaitingValues, h.NewValue) : -1;
            if (transfers.Count == 0 || h.At - transfers[^1].At > c.Settings.TransferRecordWindow || (depth >= 0 && to > depth))
            {
                transfers.Add(new Transfer(h.At, h.ById));
                depth = to;
            }
            else
            {
                depth = Math.Max(depth, to);
            }
        }

        return transfers;
    }

    /// <summary>A transfer to N2 or development: when, and who made it (null when the history does not say).</summary>
    public sealed record Transfer(DateTimeOffset At, string? ById);

    private static bool IsTransfer(RuleContext c, string awaiting, FieldChange h) =>
        (string.Equals(h.Field, FieldChange.StatusField, StringComparison.OrdinalIgnoreCase) && PolicySettings.Is(c.Settings.TransferStatuses, h.NewValue) &&
         !PolicySettings.Is(c.Settings.TransferStatuses, h.OldValue)) ||
        (string.Equals(h.Field, awaiting, StringComparison.OrdinalIgnoreCase) && Deeper(c.Settings.TransferAwaitingValues, h.OldValue, h.NewValue));

    /// <summary>Whether an awaiting change sends the protocol deeper: into a transfer value from none, or to a later one.</summary>
    private static bool Deeper(IReadOnlyList<string> order, string? from, string? to)
    {
        var depth = Depth(order, to);
        return depth >= 0 && depth > Depth(order, from);
    }

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
