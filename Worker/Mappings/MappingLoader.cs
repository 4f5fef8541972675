using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Mappings;

/// <summary>Outcome of loading mappings/: a policy, or every problem found (and no policy).</summary>
public sealed record MappingLoadResult(Policy? Policy, IReadOnlyList<MappingError> Errors)
{
    public bool Succeeded => Policy is not null;
}

/// <summary>
/// Loads and validates every mapping file in one pass. Errors from all files are collected; the policy exists
/// only when there are none, so a bad file never half-applies.
/// </summary>
public static partial class MappingLoader
{
    public static MappingLoadResult Load(string folder)
    {
        var errors = new List<MappingError>();
        if (!Directory.Exists(folder))
        {
            return new MappingLoadResult(null, [new MappingError(folder, 0, 0, "", CsvTable.LinkProblem(folder) ?? "folder does not exist")]);
        }

        var settings = LoadSettings(folder, errors);
        var calendars = LoadCalendars(folder, errors, settings?.TimeZone ?? TimeZoneInfo.Utc);
        var fields = LoadFields(folder, errors);
        var packs = LoadPacks(folder, errors);
        var categories = LoadCategories(folder, errors);
        var rules = LoadRules(folder, errors, calendars);
        var tiers = LoadTiers(folder, errors, calendars);
        var mentions = LoadMentions(folder, errors);
        var matrix = LoadMatrix(folder, errors, calendars);
        var absences = LoadAbsences(folder, errors);
        var keyAccounts = LoadKeyAccounts(folder, errors);
        var templates = LoadTemplates(folder, errors);
        var approved = LoadApprovedMessages(folder, errors);
        var summaries = LoadSummaries(folder, errors, calendars);

        // A file whose rows a rule needs, left with its header only or without its catch-all, would make the rule accuse every case,
        // judge none, or call nobody, without a word.
        bool Enabled(string ruleId) => rules.TryGetValue(ruleId, out var rule) && rule.Enabled;
        void Refuse(string file, bool when, string what)
        {
            if (when && !errors.Exists(e => e.File == file))
            {
                errors.Add(new MappingError(file, 0, 0, "", what));
            }
        }

        Refuse("categories.csv", Enabled("GSO-01") && (!categories.TryGetValue(Rules.RuleCatalog.Gso, out var gso) || gso.Count == 0),
            "no GSO category: GSO-01 would call every escalation invalid (switch GSO-01 off in rules.csv if the org has no GSO)");
        Refuse("sla_tiers.csv", Enabled("PIT-01") && tiers.Count == 0, "no tier: PIT-01 would judge no case (switch PIT-01 off in rules.csv if the org has no Pit Stop)");
        Refuse("mentions.csv", mentions.Count == 0,
            "no mention route: alerts would call nobody for a queue or a role (Supervisor EPS, the coordinators and supervisors), only the people a case names");
        // BIL-02 and BIL-03 call the row of the incident's prefix, else the * row: without one, an incident no prefix matches, or a
        // case whose number is not in yet, would call nobody and neither rule would fire.
        Refuse("escalation_matrix.csv", (Enabled("BIL-02") || Enabled("BIL-03")) && matrix.Count > 0 && !matrix.Exists(m => m.IncidentPrefix == "*"),
            "no row with incident_prefix * : an incident no prefix matches, or one without a number yet, would call nobody (BIL-02, BIL-03)");
        if (errors.Count > 0 || settings is null)
        {
            return new MappingLoadResult(null, errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList());
        }

        return new MappingLoadResult(new Policy
        {
            Fields = fields,
            Packs = packs,
            Categories = categories,
            Rules = rules,
            Tiers = tiers,
            Calendars = calendars,
            Mentions = mentions,
            Matrix = matrix,
            Absences = absences,
            KeyAccounts = keyAccounts,
            Templates = templates,
            ApprovedMessages = approved,
            Summaries = summaries,
            Settings = settings,
        }, []);
    }

    /// <summary>summaries.csv is optional: without it no team gets a morning summary.</summary>
    private static List<TeamSummary> LoadSummaries(string folder, List<MappingError> errors, IReadOnlyDictionary<string, Sla.BusinessCalendar> calendars)
    {
        var list = new List<TeamSummary>();
        if (!File.Exists(Path.Combine(folder, "summaries.csv")) && CsvTable.LinkProblem(Path.Combine(folder, "summaries.csv")) is null)
        {
            return list;
        }

        foreach (var row in CsvTable.Read(folder, "summaries.csv", ["team", "group", "calendar", "packs"], [], errors))
        {
            var team = row.Get("team");
            var group = row.Get("group");
            var calendar = row.Get("calendar");
            var packs = row.Get("packs").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var ok = team.Length > 0 || row.Error("team", "team is empty");
            ok &= list.All(s => s.Team != team) || row.Error("team", $"team '{team}' is listed twice");
            ok &= Salesforce.SalesforceId.HasPrefix(group, Salesforce.SalesforceId.CollaborationGroupPrefix) ||
                  row.Error("group", $"'{group}' is not a Chatter group id (0F9...): the summary is posted in the team's group");
            ok &= calendars.ContainsKey(calendar) || row.Error("calendar", $"unknown calendar '{calendar}' (calendars.csv defines {string.Join(", ", calendars.Keys.Order(StringComparer.Ordinal))})");
            ok &= packs.Length > 0 || row.Error("packs", "name at least one pack (|-separated)");
            foreach (var pack in packs.Where(p => !Rules.RuleCatalog.Packs.Contains(p)))
            {
                ok = row.Error("packs", $"unknown pack '{pack}' (packs are {string.Join(", ", Rules.RuleCatalog.Packs)})");
            }

            if (ok)
            {
                list.Add(new TeamSummary(team, Salesforce.SalesforceId.To18(group), calendar, packs));
            }
        }

        return list;
    }

    private static Dictionary<string, string> LoadFields(string folder, List<MappingError> errors)
    {
        var map = new Dictionary<string, string>(LogicalField.Defaults, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(folder, "fields.csv", ["logical", "api_name"], [], errors))
        {
            var logical = row.Get("logical");
            var api = row.Get("api_name");
            if (!LogicalField.Defaults.ContainsKey(logical))
            {
                row.Error("logical", $"unknown logical field '{logical}'");
            }
            else if (!seen.Add(logical))
            {
                row.Error("logical", $"'{logical}' is mapped twice");
            }
            else if (!SoqlIdentifier.TryParse(api, out _))
            {
                row.Error("api_name", $"'{api}' is not a Salesforce API name");
            }
            else
            {
                map[logical] = api;
            }
        }

        return map;
    }

    private static List<PackMatch> LoadPacks(string folder, List<MappingError> errors)
    {
        var list = new List<PackMatch>();
        var rows = CsvTable.Read(folder, "packs.csv", ["match", "value", "pack"], [], errors);
        foreach (var row in rows)
        {
            var match = row.Get("match");
            var ok = match is "record_type" or "queue" or "origin" || row.Error("match", $"'{match}' must be record_type, queue or origin");
            ok &= row.Get("value").Length > 0 || row.Error("value", "value is empty");
            ok &= KnownPack(row, "pack");
            if (ok && list.Any(p => p.Match == match && TextKey.Of(p.Value) == TextKey.Of(row.Get("value"))))
            {
                ok = row.Error("value", $"{match} '{row.Get("value")}' is already assigned to a pack");
            }

            if (ok)
            {
                list.Add(new PackMatch(match, row.Get("value"), row.Get("pack")));
            }
        }

        if (rows.Count == 0 && !errors.Any(e => e.File == "packs.csv"))
        {
            // Every rule is reached through a pack: an empty packs.csv would load, run and never judge a case.
            errors.Add(new MappingError("packs.csv", 0, 0, "", "defines no pack match: no case would ever be judged (add rows: match,value,pack)"));
        }

        return list;
    }

    private static Dictionary<string, IReadOnlyList<EscalationCategory>> LoadCategories(string folder, List<MappingError> errors)
    {
        var list = new List<EscalationCategory>();
        string[] required = ["pack", "category", "requires_evidence", "media_shipment", "concerns_ar", "order_release", "gar_statuses", "min_hours_after_validation", "critical"];
        foreach (var row in CsvTable.Read(folder, "categories.csv", required, ["aliases"], errors))
        {
            var ok = KnownPack(row, "pack");
            var name = row.Get("category");
            ok &= name.Length > 0 || row.Error("category", "category is empty");
            var evidence = YesNo(row, "requires_evidence", ref ok);
            var media = YesNo(row, "media_shipment", ref ok);
            var ar = YesNo(row, "concerns_ar", ref ok);
            var release = YesNo(row, "order_release", ref ok);
            var critical = YesNo(row, "critical", ref ok);
            var statuses = Split(row.Get("gar_statuses"));
            foreach (var s in statuses.Where(s => !s.All(c => char.IsAsciiLetterUpper(c) || c == '_')))
            {
                ok = row.Error("gar_statuses", $"'{s}' is not a GAR status code (UPPER_CASE)");
            }

            if (release && statuses.Count == 0)
            {
                ok = row.Error("gar_statuses", "an order-release category needs the GAR statuses it may be escalated in");
            }

            var minHours = 0;
            if (row.Get("min_hours_after_validation") is { Length: > 0 } h && (!int.TryParse(h, out minHours) || minHours < 0))
            {
                ok = row.Error("min_hours_after_validation", $"'{h}' is not a whole number of hours");
            }

            var category = new EscalationCategory(row.Get("pack"), name, evidence, media, ar, release, statuses, minHours, critical) { Aliases = Split(row.Get("aliases")) };
            if (ok && list.Where(c => c.Pack == category.Pack).FirstOrDefault(c => c.Keys.Intersect(category.Keys).Any()) is { } clash)
            {
                ok = row.Error(category.Aliases.Count > 0 ? "aliases" : "category", $"'{name}' (or an alias) reads the same as '{clash.Name}' of {category.Pack}; each wording must name one category");
            }

            if (ok)
            {
                list.Add(category);
            }
        }

        return list.GroupBy(c => c.Pack).ToDictionary(g => g.Key, g => (IReadOnlyList<EscalationCategory>)g.ToList(), StringComparer.Ordinal);
    }

    private static bool KnownPack(CsvRow row, string column) =>
        RuleCatalog.Packs.Contains(row.Get(column)) || row.Error(column, $"unknown pack '{row.Get(column)}' (packs: {string.Join(", ", RuleCatalog.Packs)})");

    private static bool YesNo(CsvRow row, string column, ref bool ok)
    {
        switch (row.Get(column).ToLowerInvariant())
        {
            case "yes" or "sim" or "true":
                return true;
            case "no" or "nao" or "não" or "false" or "":
                return false;
            default:
                ok = row.Error(column, $"'{row.Get(column)}' must be yes or no");
                return false;
        }
    }

    private static List<string> Split(string value) =>
        value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool MentionableId(CsvRow row, string column, bool required)
    {
        var id = row.Get(column);
        if (id.Length == 0)
        {
            return !required || row.Error(column, "mention id is empty");
        }

        return MentionTarget.TryCreate(id, out _) ||
               row.Error(column, $"'{id}' cannot be @mentioned: Chatter mentions only Users (005…) and Chatter groups (0F9…); map queues and public groups to those");
    }
}
