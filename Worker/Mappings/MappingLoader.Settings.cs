using System.Globalization;
using System.Text.RegularExpressions;
using SfBridge.Sla;

namespace SfBridge.Mappings;

public static partial class MappingLoader
{
    private static readonly string[] SettingKeys =
    [
        "timezone", "status.pause", "status.closed", "status.returned", "status.transfer", "priority.urgent", "origin.whatsapp",
        "origin.phone", "gso.order_number_pattern", "gso.eps_queue", "gso.gso_queue", "gso.gar_approved_statuses",
        "pitstop.complementary_marker", "pitstop.validation_queues", "presence.available_statuses", "presence.max_age",
        "special.queue", "special.store_threshold", "special.backlog_cap", "protocol.transfer_awaiting", "protocol.question_occurrence",
        "contact.sources", "contact.internal_domains", "agent.system_users", "pitstop.apoio_queue", "pitstop.n2_queue", "pitstop.agenda_queues", "pitstop.apoio_groups",
        "billing.approved_similarity", "protocol.transfer_record_window",
    ];

    private static PolicySettings? LoadSettings(string folder, List<MappingError> errors)
    {
        var values = new Dictionary<string, (string Value, CsvRow Row)>(StringComparer.Ordinal);
        var read = errors.Count;
        var rows = CsvTable.Read(folder, "settings.csv", ["key", "value"], ["note"], errors);
        if (rows.Count == 0 && errors.Count > read)
        {
            return null; // a file that could not be read is one problem, not one per setting
        }

        foreach (var row in rows)
        {
            var key = row.Get("key");
            if (!SettingKeys.Contains(key))
            {
                row.Error("key", $"unknown setting '{key}'");
            }
            else if (!values.TryAdd(key, (row.Get("value"), row)))
            {
                row.Error("key", $"setting '{key}' is given twice");
            }
        }

        var before = errors.Count;
        foreach (var missing in SettingKeys.Where(k => !values.ContainsKey(k)))
        {
            errors.Add(new MappingError("settings.csv", 0, 0, "key", $"setting '{missing}' is missing"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var ok = true;
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(values["timezone"].Value);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            ok = values["timezone"].Row.Error("value", $"unknown time zone '{values["timezone"].Value}'");
        }

        Regex? orderPattern = null;
        try
        {
            // Linear-time matching: an admin's pattern can never make a sweep hang on a hostile order number.
            orderPattern = new Regex(values["gso.order_number_pattern"].Value, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            ok = values["gso.order_number_pattern"].Row.Error("value", "not a valid regular expression (backreferences and lookarounds are not supported)");
        }

        var maxAge = SlaTarget.TryParse(values["presence.max_age"].Value, out var age) && !age.IsBusinessDays ? age.Duration : TimeSpan.Zero;
        ok &= maxAge > TimeSpan.Zero || values["presence.max_age"].Row.Error("value", $"'{values["presence.max_age"].Value}' is not a duration such as 12h");
        var window = SlaTarget.TryParse(values["protocol.transfer_record_window"].Value, out var w) && !w.IsBusinessDays ? w.Duration : TimeSpan.Zero;
        ok &= window > TimeSpan.Zero || values["protocol.transfer_record_window"].Row.Error("value", $"'{values["protocol.transfer_record_window"].Value}' is not a duration such as 2h");
        var sources = Split(values["contact.sources"].Value).Select(v => v.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in sources.Where(v => !Rules.Interaction.ContactChannels.Contains(v)))
        {
            ok = values["contact.sources"].Row.Error("value", $"'{unknown}' is not a contact channel (use {string.Join(", ", Rules.Interaction.ContactChannels)})");
        }

        ok &= sources.Count > 0 || values["contact.sources"].Row.Error("value", "name at least one contact channel");
        var systemUsers = Split(values["agent.system_users"].Value);
        foreach (var bad in systemUsers.Where(u => !Salesforce.SalesforceId.HasPrefix(u, Salesforce.SalesforceId.UserPrefix)))
        {
            ok = values["agent.system_users"].Row.Error("value", $"'{bad}' is not a User id (005...)");
        }

        var similarity = 0.0;
        if (!double.TryParse(values["billing.approved_similarity"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out similarity) || similarity is not (> 0 and <= 1))
        {
            ok = values["billing.approved_similarity"].Row.Error("value", $"'{values["billing.approved_similarity"].Value}' must be a number in (0, 1], e.g. 0.5");
        }

        var threshold = Number(values["special.store_threshold"], ref ok);
        var cap = Number(values["special.backlog_cap"], ref ok);
        foreach (var required in new[] { "status.returned", "gso.eps_queue", "gso.gso_queue", "special.queue", "pitstop.complementary_marker", "protocol.question_occurrence", "pitstop.apoio_queue", "pitstop.n2_queue" })
        {
            ok &= values[required].Value.Length > 0 || values[required].Row.Error("value", $"'{required}' needs a value");
        }

        // A single value written as a list ("Concluído III|Concluído Nível III", as status.closed takes) would be compared as one
        // text no case ever holds, and the rules reading it would never fire.
        foreach (var single in new[] { "status.returned", "gso.eps_queue", "gso.gso_queue", "special.queue", "protocol.question_occurrence", "pitstop.apoio_queue", "pitstop.n2_queue" })
        {
            ok &= !values[single].Value.Contains('|') || values[single].Row.Error("value", $"'{single}' takes one value, not a |-separated list");
        }

        // A list written with commas ("Aguardando Cliente, Aguardando Terceiro") would be one value no case ever holds, and the
        // rules reading it would never fire.
        foreach (var list in new[]
                 {
                     "status.pause", "status.closed", "status.transfer", "priority.urgent", "origin.whatsapp", "origin.phone", "gso.gar_approved_statuses",
                     "pitstop.validation_queues", "presence.available_statuses", "protocol.transfer_awaiting", "contact.sources", "contact.internal_domains",
                     "agent.system_users", "pitstop.apoio_groups", "pitstop.agenda_queues",
                 })
        {
            ok &= !values[list].Value.Contains(',') || values[list].Row.Error("value", $"'{list}' separates its values with |, not commas");
        }

        // PIT-04 reads the marker's letters and digits in order: one without any would match every case.
        var marker = values["pitstop.complementary_marker"];
        ok &= marker.Value.Length == 0 || PolicySettings.MarkerRuns(marker.Value).Count > 0 ||
              marker.Row.Error("value", $"'{marker.Value}' has no letter a-z or digit: PIT-04 would take every case for a complementary-contact OC");

        if (!ok)
        {
            return null;
        }

        return new PolicySettings
        {
            TimeZone = zone,
            PauseStatuses = Set(values["status.pause"].Value),
            ClosedStatuses = Set(values["status.closed"].Value),
            ReturnedStatus = values["status.returned"].Value,
            TransferStatuses = Set(values["status.transfer"].Value),
            UrgentPriorities = Set(values["priority.urgent"].Value),
            WhatsAppOrigins = Set(values["origin.whatsapp"].Value),
            PhoneOrigins = Set(values["origin.phone"].Value),
            OrderNumberPattern = orderPattern!,
            EpsQueue = values["gso.eps_queue"].Value,
            GsoQueue = values["gso.gso_queue"].Value,
            OrderApprovedStatuses = Split(values["gso.gar_approved_statuses"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase),
            ComplementaryContactMarker = values["pitstop.complementary_marker"].Value,
            ValidationQueues = Split(values["pitstop.validation_queues"].Value).ToHashSet(StringComparer.Ordinal),
            AvailablePresenceStatuses = Set(values["presence.available_statuses"].Value),
            PresenceMaxAge = maxAge,
            SpecialQueue = values["special.queue"].Value,
            KeyAccountStoreThreshold = threshold,
            BacklogCap = cap,
            TransferAwaitingValues = Split(values["protocol.transfer_awaiting"].Value).Select(TextKey.Of).Distinct(StringComparer.Ordinal).ToList(),
            QuestionOccurrence = values["protocol.question_occurrence"].Value,
            ContactSources = sources,
            InternalDomains = Split(values["contact.internal_domains"].Value).Select(d => d.TrimStart('@').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            SystemUsers = systemUsers.Select(Salesforce.SalesforceId.To18).ToHashSet(StringComparer.OrdinalIgnoreCase),
            ApoioN1Queue = values["pitstop.apoio_queue"].Value,
            N2Queue = values["pitstop.n2_queue"].Value,
            AgendaQueues = Split(values["pitstop.agenda_queues"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase),
            ApoioGroups = Split(values["pitstop.apoio_groups"].Value).ToList(),
            ApprovedSimilarity = similarity,
            TransferRecordWindow = window,
        };
    }

    private static HashSet<string> Set(string value) => Split(value).Select(TextKey.Of).ToHashSet(StringComparer.Ordinal);

    private static int Number((string Value, CsvRow Row) setting, ref bool ok)
    {
        if (int.TryParse(setting.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        ok = setting.Row.Error("value", $"'{setting.Value}' must be a positive whole number");
        return 0;
    }
}
