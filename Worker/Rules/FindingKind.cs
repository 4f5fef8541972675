namespace SfBridge.Rules;

/// <summary>The fixed list of finding kinds (wire names in <see cref="FindingKinds"/>).</summary>
public enum FindingKind
{
    SlaWarning,
    SlaBreach,
    MissingField,
    CommentIncomplete,
    MissingEvidence,
    InvalidEscalation,
    UnvalidatedEscalation,
    GarMismatch,
    Critical,
    NoAgentAvailable,
    BacklogCap,
    HandoverNeeded,
    CustomerUpdateOverdue,
    FollowUpOverdue,
    ClosurePending,
    MessageStyle,
}

/// <summary>How urgent a finding is.</summary>
public enum Severity
{
    Info,
    Warning,
    Breach,
    Critical,
}

public static class FindingKinds
{
    private static readonly Dictionary<FindingKind, string> Names = new()
    {
        [FindingKind.SlaWarning] = "sla-warning",
        [FindingKind.SlaBreach] = "sla-breach",
        [FindingKind.MissingField] = "missing-field",
        [FindingKind.CommentIncomplete] = "comment-incomplete",
        [FindingKind.MissingEvidence] = "missing-evidence",
        [FindingKind.InvalidEscalation] = "invalid-escalation",
        [FindingKind.UnvalidatedEscalation] = "unvalidated-escalation",
        [FindingKind.GarMismatch] = "gar-mismatch",
        [FindingKind.Critical] = "critical",
        [FindingKind.NoAgentAvailable] = "no-agent-available",
        [FindingKind.BacklogCap] = "backlog-cap",
        [FindingKind.HandoverNeeded] = "handover-needed",
        [FindingKind.CustomerUpdateOverdue] = "customer-update-overdue",
        [FindingKind.FollowUpOverdue] = "follow-up-overdue",
        [FindingKind.ClosurePending] = "closure-pending",
        [FindingKind.MessageStyle] = "message-style",
    };

    private static readonly Dictionary<string, FindingKind> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string WireName(this FindingKind kind) => Names[kind];

    public static bool TryParse(string? name, out FindingKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static string WireName(this Severity severity) => severity.ToString().ToLowerInvariant();

    public static bool TryParseSeverity(string? name, out Severity severity) =>
        Mappings.EnumText.TryParse(name, out severity);
}
