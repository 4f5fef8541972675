using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

internal static class ProtocolCase
{
    /// <summary>Sent to N2 or development: by the awaiting field or by status.</summary>
    public static bool IsTransferred(RuleContext c) =>
        PolicySettings.Is(c.Settings.TransferAwaitingValues, c.Case.Field(LogicalField.Awaiting)) || PolicySettings.Is(c.Settings.TransferStatuses, c.Case.Status);

    /// <summary>
    /// The instants the case was sent to N2 or development, from its status and awaiting-field history. Changes within
    /// protocol.transfer_record_window of each other (status and awaiting saved together) are one transfer.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Transfers(RuleContext c)
    {
        var awaiting = c.Policy.Fields[LogicalField.Awaiting];
        var transfers = new List<DateTimeOffset>();
        foreach (var at in Changes(c, awaiting))
        {
            if (transfers.Count == 0 || at - transfers[^1] > c.Settings.TransferRecordWindow)
            {
                transfers.Add(at);
            }
        }

        return transfers;
    }

    private static IEnumerable<DateTimeOffset> Changes(RuleContext c, string awaiting) =>
        c.Case.History
            .Where(h => (string.Equals(h.Field, FieldChange.StatusField, StringComparison.OrdinalIgnoreCase) && PolicySettings.Is(c.Settings.TransferStatuses, h.NewValue) &&
                         !PolicySettings.Is(c.Settings.TransferStatuses, h.OldValue)) ||
                        (string.Equals(h.Field, awaiting, StringComparison.OrdinalIgnoreCase) && PolicySettings.Is(c.Settings.TransferAwaitingValues, h.NewValue) &&
                         !PolicySettings.Is(c.Settings.TransferAwaitingValues, h.OldValue)))
            .Select(h => h.At).Order();

    /// <summary>The protocol belongs to the agent who opened it; their supervisor follows it.</summary>
    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:protocol_supervisor"));
}
