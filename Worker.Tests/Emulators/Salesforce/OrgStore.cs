using System.Globalization;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// The emulator's in-memory org: records per object, an id index, and the schema knowledge needed to answer
/// queries. Thread-safe through one lock; records handed out are deep copies.
/// </summary>
public sealed class OrgStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _objects = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _seenFields = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> _seenTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Child, string ForeignKey)> _extraChildren = new(StringComparer.OrdinalIgnoreCase);
    private readonly FieldIndexes _indexes = new();
    private readonly TimeProvider _time;
    private readonly string _apiVersion;
    private long _sequence;
    private long _recordsExamined;
    private long _childRecordsExamined;

    public OrgStore(TimeProvider time, string apiVersion)
    {
        _time = time;
        _apiVersion = apiVersion;
    }

    /// <summary>What tests changed in the org's metadata (fields removed or read-only, picklists, hidden objects).</summary>
    public OrgMetadata Metadata { get; } = new();

    /// <summary>Adds a record; assigns an 18-character id and system fields when absent. Returns the id.</summary>
    public string Insert(string objectName, JsonObject fields)
    {
        lock (_gate)
        {
            var record = (JsonObject)fields.DeepClone();
            record.Remove("attributes");
            var id = record["Id"]?.GetValue<string>() ?? NewIdLocked(objectName);
            record["Id"] = id;
            var now = SalesforceDateTime.FormatRest(_time.GetUtcNow());
            // System fields are filled only when absent: a test may store an explicit null to model bad data.
            if (!record.ContainsKey("CreatedDate")) record["CreatedDate"] = now;
            if (!record.ContainsKey("LastModifiedDate")) record["LastModifiedDate"] = record["CreatedDate"]?.DeepClone() ?? now;
            if (!record.ContainsKey("SystemModstamp")) record["SystemModstamp"] = record["LastModifiedDate"]?.DeepClone() ?? now;
            if (!record.ContainsKey("IsDeleted")) record["IsDeleted"] = false;
            record["attributes"] = new JsonObject { ["type"] = objectName, ["url"] = Url(objectName, id) };
            if (!_objects.TryGetValue(objectName, out var list))
            {
                _objects[objectName] = list = [];
            }

            list.Add(record);
            _byId[SalesforceId.To18(id)] = record;
            _indexes.Added(objectName, record);
            Remember(objectName, record);
            return id;
        }
    }

    /// <summary>Sets fields on a record and bumps SystemModstamp, as a save in the org would.</summary>
    public bool Update(string id, JsonObject fields, bool touch = true)
    {
        lock (_gate)
        {
            if (!TryFindLocked(id, out var record))
            {
                return false;
            }

            var type = TypeOf(record);
            _indexes.Changing(type, record, fields);
            foreach (var (name, value) in fields)
            {
                record[name] = value?.DeepClone();
            }

            _indexes.Changed(type, record, fields);

            if (touch)
            {
                var now = SalesforceDateTime.FormatRest(_time.GetUtcNow());
                record["LastModifiedDate"] = now;
                record["SystemModstamp"] = now;
            }

            Remember(TypeOf(record), record);
            return true;
        }
    }

    /// <summary>
    /// Moves every date-time value of every record by <paramref name="offset"/> (date-only values stay), as if the
    /// snapshot had been taken that much later: a generated or recorded org replayed with its ages as they were.
    /// </summary>
    public void ShiftDateTimes(TimeSpan offset)
    {
        lock (_gate)
        {
            foreach (var record in _objects.Values.SelectMany(list => list))
            {
                foreach (var (name, value) in record.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() is { Length: >= 20 } text &&
                        text[10] == 'T' && SalesforceDateTime.TryParse(text, out var at))
                    {
                        record[name] = SalesforceDateTime.FormatRest(at + offset);
                    }
                }
            }

            _indexes.Clear();
        }
    }

    /// <summary>Soft-deletes: the record then appears only to queryAll.</summary>
    public bool Delete(string id) => Update(id, new JsonObject { ["IsDeleted"] = true });

    /// <summary>Removes a record for good, as emptying the recycle bin or a hard delete does: not even queryAll finds it.</summary>
    public bool Purge(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(SalesforceId.To18(id), out var record))
            {
                return false;
            }

            _objects[TypeOf(record)].Remove(record);
            _indexes.Clear();
            return true;
        }
    }

    public JsonObject? Find(string id)
    {
        lock (_gate)
        {
            return TryFindLocked(id, out var record) ? (JsonObject)record.DeepClone() : null;
        }
    }

    /// <summary>Records the query engine has looked at, top-level and in parent-child subqueries (what indexing saves).</summary>
    public long RecordsExamined => Interlocked.Read(ref _recordsExamined);

    /// <summary>Child records the query engine has looked at to answer parent-child subqueries.</summary>
    public long ChildRecordsExamined => Interlocked.Read(ref _childRecordsExamined);

    public int Count(string objectName)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(objectName, out var list) ? list.Count(r => r["IsDeleted"]?.GetValue<bool>() != true) : 0;
        }
    }

    /// <summary>Runs <paramref name="read"/> under the store lock over live records (the query engine's view).</summary>
    internal T Read<T>(Func<OrgView, T> read)
    {
        lock (_gate)
        {
            return read(new OrgView(this));
        }
    }

    internal void RegisterChildRelationship(string parent, string relationship, string child, string foreignKey)
    {
        lock (_gate)
        {
            _extraChildren[parent + "." + relationship] = (child, foreignKey);
        }
    }

    internal string NewId(string objectName)
    {
        lock (_gate)
        {
            return NewIdLocked(objectName);
        }
    }

    internal string Url(string objectName, string id) => $"/services/data/v{_apiVersion}/sobjects/{objectName}/{id}";

    private string NewIdLocked(string objectName)
    {
        var prefix = OrgSchema.Prefixes.TryGetValue(objectName, out var p) ? p : "a00";
        var n = ++_sequence;
        var body = n.ToString("D9", CultureInfo.InvariantCulture);
        return SalesforceId.To18(prefix + "EM0" + body);
    }

    private bool TryFindLocked(string id, out JsonObject record)
    {
        record = null!;
        return SalesforceId.IsValid(id) && _byId.TryGetValue(SalesforceId.To18(id), out record!);
    }

    private void Remember(string objectName, JsonObject record)
    {
        if (!_seenFields.TryGetValue(objectName, out var set))
        {
            _seenFields[objectName] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        if (!_seenTypes.TryGetValue(objectName, out var types))
        {
            _seenTypes[objectName] = types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (name, value) in record)
        {
            set.Add(name);
            if (value is JsonValue scalar && name != "attributes")
            {
                types[name] = InferType(scalar);
            }
            else if (value is null && !OrgSchema.FieldsOf(objectName).Contains(name + "Id", StringComparer.OrdinalIgnoreCase) &&
                     !OrgSchema.ChildRelationships.ContainsKey((objectName, name)))
            {
                types.TryAdd(name, "string");
            }
        }
    }

    /// <summary>The describe type of a field known only from record values.</summary>
    private static string InferType(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        System.Text.Json.JsonValueKind.Number => "double",
        _ when value.GetValue<string>() is var text && text.Contains('T', StringComparison.Ordinal) && SalesforceDateTime.TryParse(text, out _) => "datetime",
        _ => "string",
    };

    private static string TypeOf(JsonObject record) => record["attributes"]!["type"]!.GetValue<string>();

    /// <summary>Read-only access for the query engine, valid only inside <see cref="Read{T}"/>.</summary>
    internal readonly struct OrgView(OrgStore store)
    {
        public IReadOnlyList<JsonObject> Records(string objectName) =>
            store._objects.TryGetValue(objectName, out var list) ? list : [];

        /// <summary>The object's records whose <paramref name="field"/> reads as one of <paramref name="keys"/> (ignoring case), in insertion order.</summary>
        public List<JsonObject> Where(string objectName, string field, IEnumerable<string> keys) =>
            store._indexes.Lookup(objectName, field, Records(objectName), keys);

        public void Examined(long records, bool children)
        {
            Interlocked.Add(ref store._recordsExamined, records);
            if (children)
            {
                Interlocked.Add(ref store._childRecordsExamined, records);
            }
        }

        public JsonObject? ById(string? id) =>
            id is not null && store.TryFindLocked(id, out var record) ? record : null;

        public bool ObjectExists(string objectName) =>
            !store.Metadata.IsHidden(objectName) && (store._objects.ContainsKey(objectName) || OrgSchema.IsKnownObject(objectName));

        public bool FieldExists(string objectName, string field) =>
            !store.Metadata.IsRemoved(objectName, field) &&
            ((store._seenFields.TryGetValue(objectName, out var seen) && seen.Contains(field)) ||
             OrgSchema.FieldsOf(objectName).Contains(field, StringComparer.OrdinalIgnoreCase));

        /// <summary>Every object of the org the integration user can see: the schema's and any loaded.</summary>
        public IEnumerable<string> ObjectNames()
        {
            var view = this;
            return OrgSchema.Prefixes.Keys.Concat(OrgSchema.StandardFields.Keys).Concat(store._objects.Keys)
                .Distinct(StringComparer.OrdinalIgnoreCase).Where(o => view.ObjectExists(o)).Order(StringComparer.Ordinal).ToList();
        }

        /// <summary>The object's scalar fields with their describe types, as the integration user sees them.</summary>
        public IEnumerable<(string Name, string Type)> Fields(string objectName)
        {
            var seen = store._seenTypes.GetValueOrDefault(objectName) ?? [];
            var names = OrgSchema.FieldsOf(objectName).Concat(seen.Keys).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names.ToList())
            {
                if (!FieldExists(objectName, name))
                {
                    continue;
                }

                var type = store.Metadata.TypeOf(objectName, name) ?? OrgSchema.TypeOf(objectName, name) ?? seen.GetValueOrDefault(name) ?? "string";
                yield return (name, type);
            }
        }

        public (string Child, string ForeignKey)? ChildRelationship(string parent, string relationship)
        {
            if (OrgSchema.ChildRelationships.TryGetValue((parent, relationship), out var known))
            {
                return known;
            }

            return store._extraChildren.TryGetValue(parent + "." + relationship, out var extra) ? extra : null;
        }

        public string Url(string objectName, string id) => store.Url(objectName, id);

        public static string TypeOf(JsonObject record) => OrgStore.TypeOf(record);
    }
}
