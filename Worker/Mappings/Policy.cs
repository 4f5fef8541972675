using SfBridge.Sla;

namespace SfBridge.Mappings;

/// <summary>A row of packs.csv: cases whose record type, owning queue or origin equals the value belong to the pack.</summary>
public sealed record PackMatch(string Match, string Value, string Pack);

/// <summary>An escalation category of a pack (seed wording) and what it demands.</summary>
public sealed record EscalationCategory(
    string Pack, string Name, bool RequiresEvidence, bool MediaShipment, bool ConcernsAr, bool OrderRelease,
    IReadOnlyList<string> GarStatuses, int MinHoursAfterValidation, bool Critical);

/// <summary>Per-rule settings from rules.csv.</summary>
public sealed record RuleSetting(string RuleId, bool Enabled, SlaTarget? Target, string Calendar, double WarningShare, Rules.Severity Severity, string? Assumption);

/// <summary>A Pit Stop SLA tier (FAQ 7367) and its target.</summary>
public sealed record SlaTier(string Tier, SlaTarget Target, string Calendar, string? Assumption);

/// <summary>Who to mention for a routing key (queue:X, group:X, role:X) at an escalation level.</summary>
public sealed record MentionRoute(string Key, int Level, string MentionId, string? Name);

/// <summary>Billing escalation matrix row: incidents whose number starts with the prefix go to this team.</summary>
public sealed record MatrixEntry(string Team, string IncidentPrefix, string BusinessHoursMention, string AfterHoursMention, string Calendar);

/// <summary>An analyst's planned absence (leave, holiday) and who covers.</summary>
public sealed record Absence(string UserId, DateOnly From, DateOnly To, string? SubstituteId);

/// <summary>An approved message template for a rule id, a kind, or any finding (*).</summary>
public sealed record MessageTemplate(string Id, string Rule, string Text);

/// <summary>
/// Everything the engine needs from mappings/, validated as a whole: either every file loaded without a
/// problem and this exists, or nothing is applied.
/// </summary>
public sealed class Policy
{
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    public required IReadOnlyList<PackMatch> Packs { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<EscalationCategory>> Categories { get; init; }

    public required IReadOnlyDictionary<string, RuleSetting> Rules { get; init; }

    public required IReadOnlyList<SlaTier> Tiers { get; init; }

    public required IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; init; }

    public required IReadOnlyList<MentionRoute> Mentions { get; init; }

    public required IReadOnlyList<MatrixEntry> Matrix { get; init; }

    public required IReadOnlyList<Absence> Absences { get; init; }

    public required IReadOnlySet<string> KeyAccounts { get; init; }

    public required IReadOnlyList<MessageTemplate> Templates { get; init; }

    public required PolicySettings Settings { get; init; }

    public BusinessCalendar Calendar(string name) => Calendars[name];

    public EscalationCategory? Category(string pack, string? name)
    {
        if (!Categories.TryGetValue(pack, out var list) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = TextKey.Of(name);
        return list.FirstOrDefault(c => TextKey.Of(c.Name) == key);
    }

    /// <summary>One-line summary for validate-mappings.</summary>
    public string Summary() =>
        $"{Fields.Count} fields, {Packs.Count} pack matches, {Categories.Sum(c => c.Value.Count)} escalation categories, " +
        $"{Rules.Count} rules ({Rules.Values.Count(r => r.Enabled)} enabled), {Tiers.Count} SLA tiers, {Calendars.Count} calendars, " +
        $"{Mentions.Count} mention routes, {Matrix.Count} matrix rows, {Absences.Count} absences, {KeyAccounts.Count} key accounts, " +
        $"{Templates.Count} templates";
}
