using System.Text.RegularExpressions;

namespace SfBridge.Mappings;

/// <summary>Scalar parameters of the rules (settings.csv). Lists are '|'-separated in the file.</summary>
public sealed record PolicySettings
{
    public required TimeZoneInfo TimeZone { get; init; }

    public required IReadOnlySet<string> PauseStatuses { get; init; }

    public required IReadOnlySet<string> ClosedStatuses { get; init; }

    public required string ReturnedStatus { get; init; }

    public required IReadOnlySet<string> TransferStatuses { get; init; }

    public required IReadOnlySet<string> UrgentPriorities { get; init; }

    public required IReadOnlySet<string> WhatsAppOrigins { get; init; }

    public required IReadOnlySet<string> PhoneOrigins { get; init; }

    public required Regex OrderNumberPattern { get; init; }

    public required string ComplementaryContactMarker { get; init; }

    /// <summary>
    /// The runs of letters and digits PIT-04 reads a marker by, folded ("FAQ 7347": "faq", "7347"); none (a marker of
    /// symbols only, "º") would match every case, and the loader refuses it.
    /// </summary>
    public static IReadOnlyList<string> MarkerRuns(string marker) =>
        System.Text.RegularExpressions.Regex.Matches(TextKey.Of(marker), "[a-z0-9]+").Select(r => r.Value).ToList();

    public required IReadOnlySet<string> AvailablePresenceStatuses { get; init; }

    public required TimeSpan PresenceMaxAge { get; init; }

    public required int KeyAccountStoreThreshold { get; init; }

    public required int BacklogCap { get; init; }

    /// <summary>
    /// Awaiting values that mean a transfer, as keys, in the order protocol.transfer_awaiting lists them: the order the
    /// protocol goes deeper (N2, then Desenvolvimento). A move to a later one is a transfer of its own; a move back is not.
    /// </summary>
    public required IReadOnlyList<string> TransferAwaitingValues { get; init; }

    public required string QuestionOccurrence { get; init; }

    public required string EpsQueue { get; init; }

    public required string GsoQueue { get; init; }

    public required IReadOnlySet<string> ValidationQueues { get; init; }

    public required string SpecialQueue { get; init; }

    public required IReadOnlySet<string> OrderApprovedStatuses { get; init; }

    /// <summary>Channels that count as a contact with the customer: email, comment, call, messaging.</summary>
    public required IReadOnlySet<string> ContactSources { get; init; }

    /// <summary>E-mail domains of the company: an e-mail only to these is internal work, not a customer contact.</summary>
    public required IReadOnlySet<string> InternalDomains { get; init; }

    /// <summary>Users that act for systems (integrations) beside the worker's own user: their records are never an agent's.</summary>
    public required IReadOnlySet<string> SystemUsers { get; init; }

    /// <summary>Pit Stop: the APOIO N1 queue every escalation to N2 goes through (PIT-05).</summary>
    public required string ApoioN1Queue { get; init; }

    /// <summary>Pit Stop: the N2 queue (PIT-05).</summary>
    public required string N2Queue { get; init; }

    /// <summary>
    /// PIT-03: the queues of the Pit Stop agenda (DeveloperNames) whose waiting work calls the management support group;
    /// empty: every queue.
    /// </summary>
    public IReadOnlySet<string> AgendaQueues { get; init; } = new HashSet<string>();

    /// <summary>PIT-05: groups (DeveloperNames) whose members are APOIO as much as the APOIO N1 queue's own.</summary>
    public IReadOnlyList<string> ApoioGroups { get; init; } = [];

    /// <summary>BIL-04: how close (0-1) an agent's message must be to an approved message to count as using it.</summary>
    public required double ApprovedSimilarity { get; init; }

    /// <summary>PRO-04: how long around a transfer its record may be written.</summary>
    public required TimeSpan TransferRecordWindow { get; init; }

    /// <summary>True when <paramref name="value"/> is in a set read from settings.csv (compared as <see cref="TextKey"/>).</summary>
    public static bool Is(IReadOnlySet<string> set, string? value) => value is not null && set.Contains(TextKey.Of(value));
}
