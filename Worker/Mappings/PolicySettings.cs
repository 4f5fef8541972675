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

    public required IReadOnlySet<string> AvailablePresenceStatuses { get; init; }

    public required TimeSpan PresenceMaxAge { get; init; }

    public required int KeyAccountStoreThreshold { get; init; }

    public required int BacklogCap { get; init; }

    public required IReadOnlySet<string> TransferAwaitingValues { get; init; }

    public required string QuestionOccurrence { get; init; }

    public required string EpsQueue { get; init; }

    public required string GsoQueue { get; init; }

    public required IReadOnlySet<string> ValidationQueues { get; init; }

    public required string SpecialQueue { get; init; }

    public required IReadOnlySet<string> OrderApprovedStatuses { get; init; }

    /// <summary>True when <paramref name="value"/> is in a set read from settings.csv (compared as <see cref="TextKey"/>).</summary>
    public static bool Is(IReadOnlySet<string> set, string? value) => value is not null && set.Contains(TextKey.Of(value));
}
