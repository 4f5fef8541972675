using System.Globalization;
using System.Text.RegularExpressions;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Sla;

namespace SfBridge.Mappings;

public static partial class MappingLoader
{
    /// <summary>Placeholders a template may use.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "saudacao", "caso", "assunto", "detalhe", "prazo", "pacote", "regra", "quantidade", "pendencias", "equipe",
    };

    /// <summary>The roles the rules mention (mentions.csv role:&lt;name&gt; rows): any other role name is a typo that would tell nobody.</summary>
    internal static readonly IReadOnlyList<string> Roles = ["cmc_coordinator", "protocol_supervisor", "special_supervisor"];

    private static List<MentionRoute> LoadMentions(string folder, List<MappingError> errors)
    {
        var routes = new List<MentionRoute>();
        foreach (var row in CsvTable.Read(folder, "mentions.csv", ["key", "level", "mention_id"], ["name"], errors))
        {
            var key = row.Get("key");
            var ok = Regex.IsMatch(key, @"^(queue|group|role):[A-Za-z][A-Za-z0-9_]*$") ||
                     row.Error("key", $"'{key}' must be queue:<DeveloperName>, group:<DeveloperName> or role:<name>");
            ok &= !key.StartsWith("role:", StringComparison.Ordinal) || Roles.Contains(key[5..]) ||
                  row.Error("key", $"no rule mentions the role '{key[5..]}' (the roles are {string.Join(", ", Roles)}): a misspelt role would tell nobody");
            ok &= int.TryParse(row.Get("level"), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 5 ||
                  row.Error("level", $"'{row.Get("level")}' must be an escalation level from 1 to 5");
            ok &= MentionableId(row, "mention_id", required: true);
            if (ok)
            {
                // As Salesforce sends ids (18 characters): a 15-character one would mention a person twice beside their id from a case.
                routes.Add(new MentionRoute(key, level, Salesforce.SalesforceId.To18(row.Get("mention_id")), row.Optional("name")));
            }
        }

        return routes;
    }

    private static List<MatrixEntry> LoadMatrix(string folder, List<MappingError> errors, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        var list = new List<MatrixEntry>();
        var prefixes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvTable.Read(folder, "escalation_matrix.csv", ["team", "incident_prefix", "business_hours_mention", "after_hours_mention", "calendar"], ["after_hours_wait"], errors))
        {
            var wait = TimeSpan.FromMinutes(30);
            if (row.Optional("after_hours_wait") is { } w)
            {
                wait = SlaTarget.TryParse(w, out var parsed) && !parsed.IsBusinessDays ? parsed.Duration : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero)
                {
                    row.Error("after_hours_wait", $"'{w}' is not a duration such as 30m");
                }
            }

            var ok = row.Get("team").Length > 0 || row.Error("team", "team is empty");
            var prefix = row.Get("incident_prefix");
            ok &= prefix.Length > 0 || row.Error("incident_prefix", "prefix is empty (use * for every incident)");
            // A prefix is matched as written: "INC*" would match no incident number, and the first of two rows of one prefix would
            // silently win.
            ok &= prefix == "*" || !prefix.Contains('*', StringComparison.Ordinal) ||
                  row.Error("incident_prefix", $"'{prefix}': write the prefix without * ({prefix.Replace("*", "", StringComparison.Ordinal)}); * alone is every other incident");
            ok &= prefix.Length == 0 || prefixes.TryAdd(prefix, row.Line) ||
                  row.Error("incident_prefix", $"'{prefix}' is already the prefix of line {prefixes[prefix]}: one row per prefix");
            ok &= MentionableId(row, "business_hours_mention", required: true);
            ok &= MentionableId(row, "after_hours_mention", required: true);
            var calendar = CalendarOf(row, calendars, ref ok);
            ok &= calendar != BusinessCalendar.AlwaysOpenName || row.Error("calendar", "the matrix needs a business calendar to tell business hours from after-hours");
            if (ok)
            {
                list.Add(new MatrixEntry(row.Get("team"), row.Get("incident_prefix"), SalesforceId.To18(row.Get("business_hours_mention")),
                    SalesforceId.To18(row.Get("after_hours_mention")), calendar)
                {
                    AfterHoursWait = wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(30),
                });
            }
        }

        return list;
    }

    private static List<Absence> LoadAbsences(string folder, List<MappingError> errors)
    {
        var list = new List<Absence>();
        foreach (var row in CsvTable.Read(folder, "absences.csv", ["user_id", "from", "to"], ["substitute_id", "type", "note"], errors))
        {
            var ok = SalesforceId.HasPrefix(row.Get("user_id"), SalesforceId.UserPrefix) || row.Error("user_id", $"'{row.Get("user_id")}' is not a User id (005…)");
            ok &= Date(row, "from", out var from);
            ok &= Date(row, "to", out var to);
            ok &= !ok || from <= to || row.Error("to", $"absence ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
            ok &= row.Optional("substitute_id") is null || SalesforceId.HasPrefix(row.Get("substitute_id"), SalesforceId.UserPrefix) ||
                  row.Error("substitute_id", $"'{row.Get("substitute_id")}' is not a User id (005…)");
            var type = TextKey.Of(row.Optional("type") ?? "ferias");
            ok &= type is "ferias" or "folga" || row.Error("type", $"'{row.Get("type")}' is not an absence type: ferias (leave) or folga (day off)");
            // Two rows for one person that overlap (an absence "extended" by a second row) would make two findings of every case.
            ok &= !ok || list.FirstOrDefault(a => SalesforceId.AreEqual(a.UserId, row.Get("user_id")) && a.From <= to && from <= a.To) is not { } other ||
                  row.Error("from", $"{row.Get("user_id")} is already absent from {other.From:yyyy-MM-dd} to {other.To:yyyy-MM-dd}: extend that row instead of adding one");
            if (ok)
            {
                list.Add(new Absence(SalesforceId.To18(row.Get("user_id")), from, to, row.Optional("substitute_id") is { } s ? SalesforceId.To18(s) : null)
                {
                    DayOff = type == "folga",
                });
            }
        }

        return list;
    }

    private static Dictionary<string, string?> LoadKeyAccounts(string folder, List<MappingError> errors)
    {
        var accounts = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvTable.Read(folder, "key_accounts.csv", ["account_id"], ["name", "analyst_id"], errors))
        {
            var id = row.Get("account_id");
            var analyst = row.Optional("analyst_id");
            if (!SalesforceId.HasPrefix(id, "001"))
            {
                row.Error("account_id", $"'{id}' is not an Account id (001…)");
            }
            else if (analyst is not null && !SalesforceId.HasPrefix(analyst, SalesforceId.UserPrefix))
            {
                row.Error("analyst_id", $"'{analyst}' is not a User id (005…)");
            }
            else if (!accounts.TryAdd(SalesforceId.To18(id), analyst is null ? null : SalesforceId.To18(analyst)))
            {
                row.Error("account_id", $"{id} is listed twice");
            }
        }

        return accounts;
    }

    private static List<MessageTemplate> LoadTemplates(string folder, List<MappingError> errors)
    {
        var list = new List<MessageTemplate>();
        var read = errors.Count;
        var rows = CsvTable.Read(folder, "templates.csv", ["id", "rule", "text"], ["purpose"], errors);
        var unread = rows.Count == 0 && errors.Count > read; // one problem for the file, not one per missing fallback
        foreach (var row in rows)
        {
            var id = row.Get("id");
            var purpose = row.Optional("purpose")?.ToLowerInvariant() ?? TemplatePurpose.Alert;
            var rule = row.Get("rule");
            var text = row.Get("text");
            var ok = id.Length > 0 || row.Error("id", "template id is empty");
            ok &= list.All(t => t.Id != id) || row.Error("id", $"template id '{id}' is used twice");
            ok &= rule == "*" || RuleCatalog.Rules.ContainsKey(rule) || FindingKinds.TryParse(rule, out _) ||
                  row.Error("rule", $"'{rule}' is neither a rule id, a finding kind nor *");
            ok &= text.Length > 0 || row.Error("text", "template text is empty");
            ok &= TemplatePurpose.All.Contains(purpose) || row.Error("purpose", $"'{purpose}' must be {string.Join(", ", TemplatePurpose.All)}");
            if (Gerundism.Find(text) is { } gerund)
            {
                ok = row.Error("text", $"gerundism \"{gerund}\" is not allowed in approved messages (write \"vamos transferir\", not \"vamos estar transferindo\")");
            }

            foreach (Match m in Regex.Matches(text, @"\{([^}]*)\}"))
            {
                if (!Placeholders.Contains(m.Groups[1].Value))
                {
                    ok = row.Error("text", $"unknown placeholder {{{m.Groups[1].Value}}} (allowed: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))})");
                }
            }

            if (ok)
            {
                list.Add(new MessageTemplate(id, rule, text) { Purpose = purpose });
            }
        }

        // "late" may be left out: a breach met late is then posted with the alert templates.
        foreach (var purpose in TemplatePurpose.All.Where(p => p != TemplatePurpose.Late && !unread && !list.Any(t => t.Purpose == p && t.Rule == "*")))
        {
            errors.Add(new MappingError("templates.csv", 0, 0, "rule", $"no fallback template (rule *, purpose {purpose}): every text SfBridge posts comes from this file"));
        }

        return list;
    }

    private static List<ApprovedMessage> LoadApprovedMessages(string folder, List<MappingError> errors)
    {
        var list = new List<ApprovedMessage>();
        foreach (var row in CsvTable.Read(folder, "approved_messages.csv", ["id", "text"], ["note"], errors))
        {
            var id = row.Get("id");
            var ok = id.Length > 0 || row.Error("id", "message id is empty");
            ok &= list.All(m => m.Id != id) || row.Error("id", $"message id '{id}' is used twice");
            ok &= row.Get("text").Length > 0 || row.Error("text", "message text is empty");
            if (Gerundism.Find(row.Get("text")) is { } gerund)
            {
                ok = row.Error("text", $"gerundism \"{gerund}\" is not allowed in approved messages");
            }

            if (ok)
            {
                list.Add(new ApprovedMessage(id, row.Get("text")));
            }
        }

        return list;
    }

    private static bool Date(CsvRow row, string column, out DateOnly date) =>
        DateOnly.TryParseExact(row.Get(column), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) ||
        row.Error(column, $"'{row.Get(column)}' is not a date (yyyy-MM-dd)");
}
