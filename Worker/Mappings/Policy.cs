using SfBridge.Sla;

namespace SfBridge.Mappings;

/// <summary>A row of packs.csv: cases whose record type, owning queue or origin equals the value belong to the pack.</summary>
public sealed record PackMatch(string Match, string Value, string Pack)
{
    /// <summary>The value as compared (<see cref="TextKey"/>).</summary>
    public string Key { get; } = TextKey.Of(Value);
}

/// <summary>An escalation category of a pack (seed wording) and what it demands.</summary>
public sealed record EscalationCategory(
    string Pack, string Name, bool RequiresEvidence, bool MediaShipment, bool ConcernsAr, bool OrderRelease,
    IReadOnlyList<string> GarStatuses, int MinHoursAfterValidation, bool Critical);

/// <summary>Per-rule settings from rules.csv.</summary>
public sealed record RuleSetting(string RuleId, bool Enabled, SlaTarget? Target, string Calendar, double WarningShare, Rules.Severity Severity, string? Assumption)
{
    /// <summary>Post a short note on the case when a breach of this rule clears.</summary>
    public bool ResolutionNote { get; init; }
}

/// <summary>A Pit Stop SLA tier (FAQ 7367) and its target.</summary>
public sealed record SlaTier(string Tier, SlaTarget Target, string Calendar, string? Assumption);

/// <summary>Who to mention for a routing key (queue:X, group:X, role:X) at an escalation level.</summary>
public sealed record MentionRoute(string Key, int Level, string MentionId, string? Name);

/// <summary>Billing escalation matrix row: incidents whose number starts with the prefix go to this team.</summary>
public sealed record MatrixEntry(string Team, string IncidentPrefix, string BusinessHoursMention, string AfterHoursMention, string Calendar);

/// <summary>An analyst's planned absence (leave, holiday) and who covers.</summary>
public sealed record Absence(string UserId, DateOnly From, DateOnly To, string? SubstituteId);

/// <summary>An approved message template for a rule id, a kind, or any finding (*).</summary>
public sealed record MessageTemplate(string Id, string Rule, string Text)
{
    /// <summary>The text split once into literals and {placeholders} (placeholder null for a literal).</summary>
    public IReadOnlyList<(string Literal, string? Placeholder)> Parts { get; } =
        System.Text.RegularExpressions.Regex.Split(Text, @"(\{[a-z]+\})").Where(p => p.Length > 0)
            .Select(p => p.StartsWith('{') && p.EndsWith('}') ? ("", (string?)p[1..^1]) : (p, null)).ToList();
}

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

    /// <summary>The field's name on its own object: Account.Cliente_Chave__c maps to Cliente_Chave__c on Account.</summary>
    public string FieldOnParent(string logical) => Fields[logical][(Fields[logical].LastIndexOf('.') + 1)..];

    public EscalationCategory? Category(string pack, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : CategoryIndex.GetValueOrDefault((pack, TextKey.Of(name)));

    /// <summary>Templates whose rule column is exactly <paramref name="rule"/> (a rule id, a kind, or *).</summary>
    public IReadOnlyList<MessageTemplate> TemplatesFor(string rule) =>
        (TemplateIndex ??= Templates.GroupBy(t => t.Rule, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<MessageTemplate>)g.ToList(), StringComparer.Ordinal))
        .GetValueOrDefault(rule) ?? [];

    private Dictionary<string, IReadOnlyList<MessageTemplate>>? TemplateIndex { get; set; }

    /// <summary>Mention ids per routing key and level, highest level first.</summary>
    public IReadOnlyList<string> MentionsFor(string key, int level)
    {
        if (!MentionIndex.TryGetValue(key, out var levels))
        {
            return [];
        }

        foreach (var (l, ids) in levels)
        {
            if (l <= level)
            {
                return ids;
            }
        }

        return [];
    }

    private Dictionary<(string Pack, string Key), EscalationCategory> CategoryIndex => field ??=
        Categories.SelectMany(p => p.Value).GroupBy(c => (c.Pack, TextKey.Of(c.Name))).ToDictionary(g => g.Key, g => g.First());

    private Dictionary<string, List<(int Level, IReadOnlyList<string> Ids)>> MentionIndex => field ??=
        Mentions.GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.GroupBy(m => m.Level).OrderByDescending(l => l.Key).Select(l => (l.Key, (IReadOnlyList<string>)l.Select(m => m.MentionId).ToList())).ToList(),
            StringComparer.Ordinal);

    /// <summary>One-line summary for validate-mappings.</summary>
    public string Summary() =>
        $"{Fields.Count} fields, {Packs.Count} pack matches, {Categories.Sum(c => c.Value.Count)} escalation categories, " +
        $"{Rules.Count} rules ({Rules.Values.Count(r => r.Enabled)} enabled), {Tiers.Count} SLA tiers, {Calendars.Count} calendars, " +
        $"{Mentions.Count} mention routes, {Matrix.Count} matrix rows, {Absences.Count} absences, {KeyAccounts.Count} key accounts, " +
        $"{Templates.Count} templates";
}
