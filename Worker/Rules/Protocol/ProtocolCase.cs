using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

internal static class ProtocolCase
{
    /// <summary>Sent to N2 or development: by the awaiting field or by status.</summary>
    public static bool IsTransferred(RuleContext c) =>
        PolicySettings.Is(c.Settings.TransferAwaitingValues, c.Case.Field(LogicalField.Awaiting)) || PolicySettings.Is(c.Settings.TransferStatuses, c.Case.Status);

    /// <summary>The protocol belongs to the agent who opened it; their supervisor follows it.</summary>
    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:protocol_supervisor"));

    public static string Text(RuleContext c) =>
        string.Join("\n", c.Case.Comments.Select(x => x.Body).Append(c.Case.Field(LogicalField.Resolution)).Where(t => t is not null));
}
