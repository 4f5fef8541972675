using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// Every value of a loaded mapping folder that names something in the org, with its file, line and column: the
/// rows are read again (the policy keeps values, not where they came from), after the folder loaded without problems.
/// </summary>
public sealed class MappingReferences
{
    /// <summary>settings.csv keys whose value is a queue DeveloperName (or a |-separated list of them).</summary>
    private static readonly string[] QueueSettings =
        ["gso.eps_queue", "gso.gso_queue", "special.queue", "pitstop.apoio_queue", "pitstop.n2_queue", "pitstop.validation_queues", "pitstop.agenda_queues"];

    /// <summary>
    /// Settings naming Case statuses: a typo ("Aguardando Clinte") would leave the clocks running while cases wait on the
    /// customer, or never see a case closed or returned. status.closed's English "Closed" is a default for orgs in English.
    /// </summary>
    private static readonly string[] StatusSettings = ["status.pause", "status.returned", "status.transfer"];

    /// <summary>Settings naming public groups (Group of type Regular) by DeveloperName.</summary>
    private static readonly string[] GroupSettings = ["pitstop.apoio_groups"];

    public IReadOnlyList<OrgReference> References { get; private init; } = [];

    /// <summary>fields.csv's api_name cell per logical field; a field the file leaves out keeps its default and points at the file.</summary>
    public IReadOnlyDictionary<string, MappingCell> FieldCells { get; private init; } = new Dictionary<string, MappingCell>();

    public IReadOnlyList<CategoryRow> Categories { get; private init; } = [];

    /// <summary>sla_tiers.csv's tier cells.</summary>
    public IReadOnlyList<(string Tier, MappingCell Cell)> Tiers { get; private init; } = [];

    public MappingCell FieldCell(string logical) => FieldCells.GetValueOrDefault(logical) ?? new MappingCell("fields.csv", 0, 0, "api_name");

    public static MappingReferences Read(string folder)
    {
        var ignored = new List<MappingError>(); // the folder already loaded: its problems were reported then
        var references = new List<OrgReference>();
        void Add(OrgReferenceKind kind, string value, MappingCell cell)
        {
            if (value.Length > 0)
            {
                references.Add(new OrgReference(kind, value, cell));
            }
        }

        void AddMention(string id, MappingCell cell) =>
            Add(SalesforceId.HasPrefix(id, SalesforceId.CollaborationGroupPrefix) ? OrgReferenceKind.ChatterGroup : OrgReferenceKind.MentionedUser, id, cell);

        var fields = new Dictionary<string, MappingCell>(StringComparer.Ordinal);
        foreach (var row in Rows(folder, "fields.csv", ["logical", "api_name"], ignored))
        {
            fields.TryAdd(row.Get("logical"), row.Cell("api_name"));
        }

        foreach (var row in Rows(folder, "packs.csv", ["match", "value", "pack"], ignored))
        {
            var kind = row.Get("match") switch
            {
                "record_type" => OrgReferenceKind.RecordType,
                "queue" => OrgReferenceKind.Queue,
                _ => OrgReferenceKind.Origin,
            };
            Add(kind, row.Get("value"), row.Cell("value"));
        }

        foreach (var row in Rows(folder, "settings.csv", ["key", "value"], ignored))
        {
            var key = row.Get("key");
            foreach (var value in Split(row.Get("value")))
            {
                if (QueueSettings.Contains(key))
                {
                    Add(OrgReferenceKind.Queue, value, row.Cell("value"));
                }
                else if (GroupSettings.Contains(key))
                {
                    Add(OrgReferenceKind.PublicGroup, value, row.Cell("value"));
                }
                else if (key == "agent.system_users")
                {
                    Add(OrgReferenceKind.User, value, row.Cell("value"));
                }
                else if (StatusSettings.Contains(key))
                {
                    Add(OrgReferenceKind.Status, value, row.Cell("value"));
                }
            }
        }

        foreach (var row in Rows(folder, "mentions.csv", ["key", "mention_id"], ignored))
        {
            var key = row.Get("key");
            if (key.StartsWith("queue:", StringComparison.Ordinal))
            {
                Add(OrgReferenceKind.Queue, key["queue:".Length..], row.Cell("key"));
            }
            else if (key.StartsWith("group:", StringComparison.Ordinal))
            {
                Add(OrgReferenceKind.PublicGroup, key["group:".Length..], row.Cell("key"));
            }

            AddMention(row.Get("mention_id"), row.Cell("mention_id"));
        }

        foreach (var row in Rows(folder, "escalation_matrix.csv", ["business_hours_mention", "after_hours_mention"], ignored))
        {
            AddMention(row.Get("business_hours_mention"), row.Cell("business_hours_mention"));
            AddMention(row.Get("after_hours_mention"), row.Cell("after_hours_mention"));
        }

        foreach (var row in Rows(folder, "absences.csv", ["user_id", "substitute_id"], ignored))
        {
            Add(OrgReferenceKind.MentionedUser, row.Get("user_id"), row.Cell("user_id"));
            Add(OrgReferenceKind.MentionedUser, row.Get("substitute_id"), row.Cell("substitute_id"));
        }

        foreach (var row in Rows(folder, "key_accounts.csv", ["account_id", "analyst_id"], ignored))
        {
            Add(OrgReferenceKind.Account, row.Get("account_id"), row.Cell("account_id"));
            Add(OrgReferenceKind.MentionedUser, row.Get("analyst_id"), row.Cell("analyst_id"));
        }

        if (File.Exists(Path.Combine(folder, "summaries.csv")))
        {
            foreach (var row in Rows(folder, "summaries.csv", ["group"], ignored))
            {
                Add(OrgReferenceKind.ChatterGroup, row.Get("group"), row.Cell("group"));
            }
        }

        var categories = Rows(folder, "categories.csv", ["pack", "category", "aliases"], ignored)
            .Select(r => new CategoryRow(r.Get("pack"), r.Get("category"), r.Cell("category"), r.Cell("aliases"))).ToList();
        var tiers = Rows(folder, "sla_tiers.csv", ["tier"], ignored).Select(r => (r.Get("tier"), r.Cell("tier"))).ToList();
        return new MappingReferences { References = references, FieldCells = fields, Categories = categories, Tiers = tiers };
    }

    private static List<CsvRow> Rows(string folder, string file, IReadOnlyList<string> columns, List<MappingError> ignored) =>
        CsvTable.Read(folder, file, [], columns, ignored);

    private static string[] Split(string value) => value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
