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
    IReadOnlyList<string> GarStatuses, int MinHoursAfterValidation, bool Critical)
{
    /// <summary>Other wordings agents use for the category (short forms, the picklist's own value).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Every comparison key the category answers to: its full wording, the wording without parenthesised glosses
    /// ("Priorização de AC (Chamados de Alô Canais)" also answers to "Priorização de AC"), and each alias.
    /// </summary>
    public IReadOnlyList<string> Keys => KeyLists.GetValue(this, static c =>
        new[] { c.Name }.Concat(c.Aliases).SelectMany(n => new[] { TextKey.Of(n), TextKey.WithoutGloss(TextKey.Of(n)) }).Where(k => k.Length > 0)
            .Distinct(StringComparer.Ordinal).ToArray());

    // Worked out once per category (GSO-02 reads them for every escalated case), beside the record so equality ignores it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EscalationCategory, IReadOnlyList<string>> KeyLists = [];
}

/// <summary>Per-rule settings from rules.csv.</summary>
public sealed record RuleSetting(string RuleId, bool Enabled, SlaTarget? Target, string Calendar, double WarningShare, Rules.Severity Severity, string? Assumption)
{
    /// <summary>Post a short note on the case when a breach of this rule clears.</summary>
    public bool ResolutionNote { get; init; }

    /// <summary>The calendar the people this rule mentions work by; outside it <see cref="OffShift"/> applies.</summary>
    public string TeamCalendar { get; init; } = Sla.BusinessCalendar.AlwaysOpenName;

    /// <summary>What an alert or reminder of this rule does outside the team's calendar.</summary>
    public OffShift OffShift { get; init; } = OffShift.Wait;
}

/// <summary>An alert outside the team's working period: held until it opens, posted without mentions, or posted as usual.</summary>
public enum OffShift
{
    Wait,
    Quiet,
    Mention,
}

/// <summary>A team's morning summary: posted in its Chatter group when its calendar's working day starts, listing the packs' open findings.</summary>
public sealed record TeamSummary(string Team, string GroupId, string Calendar, IReadOnlyList<string> Packs);

/// <summary>A Pit Stop SLA tier (FAQ 7367) and its target.</summary>
public sealed record SlaTier(string Tier, SlaTarget Target, string Calendar, string? Assumption);

/// <summary>Who to mention for a routing key (queue:X, group:X, role:X) at an escalation level.</summary>
public sealed record MentionRoute(string Key, int Level, string MentionId, string? Name);

/// <summary>
/// Billing escalation matrix row: incidents whose number starts with the prefix go to this team; outside the
/// calendar's hours, when the team gives no answer within <see cref="AfterHoursWait"/>, the after-hours contact is called.
/// </summary>
public sealed record MatrixEntry(string Team, string IncidentPrefix, string BusinessHoursMention, string AfterHoursMention, string Calendar)
{
    public TimeSpan AfterHoursWait { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>An analyst's planned absence (leave, holiday) and who covers.</summary>
public sealed record Absence(string UserId, DateOnly From, DateOnly To, string? SubstituteId)
{
    /// <summary>
    /// A day off (folga), not a leave (férias): seed 002 asks the analyst to answer or finish the cases still open before
    /// it, not to clear and hand over every case as before a leave.
    /// </summary>
    public bool DayOff { get; init; }

    /// <summary>The day the person is back; null for an absence with no end (<c>to</c> written as 9999-12-31).</summary>
    public DateOnly? Back => To < DateOnly.MaxValue ? To.AddDays(1) : null;
}

/// <summary>What a template is for: the first alert of a finding, a reminder of it, or the note that it cleared.</summary>
public static class TemplatePurpose
{
    public const string Alert = "alert";
    public const string Reminder = "reminder";
    public const string Resolution = "resolution";

    /// <summary>
    /// The first post of a breach already over when it is posted (met late: answered or accepted after its deadline): a
    /// record, with no call to act on what is done. Without such templates, the alert ones are used.
    /// </summary>
    public const string Late = "late";

    /// <summary>One finding as a line of a post that lists several findings of a case.</summary>
    public const string Item = "item";

    /// <summary>A resolution note as a line of such a post.</summary>
    public const string ResolvedItem = "resolved-item";

    /// <summary>The opening of a post that lists several findings of a case ({quantidade} of them).</summary>
    public const string Digest = "digest";

    /// <summary>The opening of a team's morning summary ({equipe}, {quantidade}).</summary>
    public const string Summary = "summary";

    /// <summary>One open finding as a line of a morning summary ({caso}, {detalhe}, {prazo}).</summary>
    public const string SummaryItem = "summary-item";

    public static readonly IReadOnlyList<string> All = [Alert, Reminder, Resolution, Late, Item, ResolvedItem, Digest, Summary, SummaryItem];
}

/// <summary>An approved message template for a rule id, a kind, or any finding (*), for one purpose.</summary>
public sealed record MessageTemplate(string Id, string Rule, string Text)
{
    public string Purpose { get; init; } = TemplatePurpose.Alert;

    /// <summary>The text split once into literals and {placeholders} (placeholder null for a literal).</summary>
    public IReadOnlyList<(string Literal, string? Placeholder)> Parts { get; } =
        System.Text.RegularExpressions.Regex.Split(Text, @"(\{[a-z]+\})").Where(p => p.Length > 0)
            .Select(p => p.StartsWith('{') && p.EndsWith('}') ? ("", (string?)p[1..^1]) : (p, null)).ToList();
}

/// <summary>A message the customer approved for agents to send (BIL-04), as the billing manual lists them.</summary>
public sealed record ApprovedMessage(string Id, string Text);

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

    /// <summary>Accounts served by Special Service by decision, with their Special analyst (null when not named).</summary>
    public required IReadOnlyDictionary<string, string?> KeyAccounts { get; init; }

    public required IReadOnlyList<ApprovedMessage> ApprovedMessages { get; init; }

    public required IReadOnlyList<MessageTemplate> Templates { get; init; }

    /// <summary>Teams that get a summary of their open findings at the start of each working day (summaries.csv; may be empty).</summary>
    public IReadOnlyList<TeamSummary> Summaries { get; init; } = [];

    public required PolicySettings Settings { get; init; }

    public BusinessCalendar Calendar(string name) => Calendars[name];

    /// <summary>The field's name on its own object: Account.Cliente_Chave__c maps to Cliente_Chave__c on Account.</summary>
    public string FieldOnParent(string logical) => Fields[logical][(Fields[logical].LastIndexOf('.') + 1)..];

    /// <summary>The category a field value names, ignoring case, accents, dash style, spacing and parenthesised glosses.</summary>
    public EscalationCategory? Category(string pack, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = TextKey.Of(name);
        return CategoryIndex.GetValueOrDefault((pack, key)) ?? CategoryIndex.GetValueOrDefault((pack, TextKey.WithoutGloss(key)));
    }

    /// <summary>The accepted category closest to an unknown value (edit distance on the comparison keys), when one is close enough to suggest.</summary>
    public EscalationCategory? ClosestCategory(string pack, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !Categories.TryGetValue(pack, out var categories))
        {
            return null;
        }

        // The category is a picklist: the same few unknown values come back sweep after sweep.
        var key = TextKey.WithoutGloss(TextKey.Of(name));
        if (Suggestions.TryGetValue((pack, key), out var known))
        {
            return known;
        }

        var similarity = new F23.StringSimilarity.NormalizedLevenshtein();
        var best = categories.Select(c => (Category: c, Score: c.Keys.Max(k => similarity.Similarity(key, k)))).MaxBy(x => x.Score);
        var suggestion = best.Score >= 0.6 ? best.Category : null;
        if (Suggestions.Count < 1_000)
        {
            Suggestions.TryAdd((pack, key), suggestion);
        }

        return suggestion;
    }

    private System.Collections.Concurrent.ConcurrentDictionary<(string Pack, string Key), EscalationCategory?> Suggestions { get; } = new();

    /// <summary>Templates of a purpose whose rule column is exactly <paramref name="rule"/> (a rule id, a kind, or *).</summary>
    public IReadOnlyList<MessageTemplate> TemplatesFor(string rule, string purpose = TemplatePurpose.Alert) =>
        (TemplateIndex ??= BuildTemplateIndex()).TryGetValue(purpose, out var byRule) ? byRule.GetValueOrDefault(rule) ?? [] : [];

    // By purpose, then by rule column, each keyed by one string with the ordinal comparer (whose string hashing is the
    // fast non-randomised one): every finding looks its templates up, up to three times, and a key of two strings paid
    // the randomised hashing of both.
    private Dictionary<string, Dictionary<string, IReadOnlyList<MessageTemplate>>> BuildTemplateIndex() =>
        Templates.GroupBy(t => t.Purpose, StringComparer.Ordinal).ToDictionary(
            byPurpose => byPurpose.Key,
            byPurpose => byPurpose.GroupBy(t => t.Rule, StringComparer.Ordinal).ToDictionary(byRule => byRule.Key, byRule => (IReadOnlyList<MessageTemplate>)byRule.ToList(), StringComparer.Ordinal),
            StringComparer.Ordinal);

    private Dictionary<string, Dictionary<string, IReadOnlyList<MessageTemplate>>>? TemplateIndex { get; set; }

    /// <summary>Every configured level of a routing key with its mention ids, lowest level first.</summary>
    public IReadOnlyList<(int Level, IReadOnlyList<string> Ids)> MentionLevels(string key) =>
        (AscendingMentionIndex ??= MentionIndex.ToDictionary(p => p.Key, p => (IReadOnlyList<(int, IReadOnlyList<string>)>)p.Value.AsEnumerable().Reverse().ToList(), StringComparer.OrdinalIgnoreCase))
        .GetValueOrDefault(key) ?? [];

    private Dictionary<string, IReadOnlyList<(int Level, IReadOnlyList<string> Ids)>>? AscendingMentionIndex { get; set; }

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
        Categories.SelectMany(p => p.Value).SelectMany(c => c.Keys.Select(k => (Key: (c.Pack, k), Category: c)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Category);

    private Dictionary<string, List<(int Level, IReadOnlyList<string> Ids)>> MentionIndex => field ??=
        // Keys compare ignoring case, as the org's queue and group names do: a setting written "Supervisor_EPS" finds the
        // route an admin wrote as the org spells it, "queue:Supervisor_Eps".
        Mentions.GroupBy(m => m.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key,
            g => g.GroupBy(m => m.Level).OrderByDescending(l => l.Key).Select(l => (l.Key, (IReadOnlyList<string>)l.Select(m => m.MentionId).ToList())).ToList(),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>One-line summary for validate-mappings.</summary>
    public string Summary() =>
        $"{Fields.Count} fields, {Packs.Count} pack matches, {Categories.Sum(c => c.Value.Count)} escalation categories, " +
        $"{Rules.Count} rules ({Rules.Values.Count(r => r.Enabled)} enabled), {Tiers.Count} SLA tiers, {Calendars.Count} calendars, " +
        $"{Mentions.Count} mention routes, {Matrix.Count} matrix rows, {Absences.Count} absences, {KeyAccounts.Count} key accounts, " +
        $"{Templates.Count} templates, {ApprovedMessages.Count} approved messages";
}
