using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Records of an object by the text of one field (e.g. CaseComment by ParentId), built the first time a query
/// filters or joins on that field and kept current on every insert and update, so a parent-child subquery or an
/// <c>Id IN (...)</c> filter costs the records it returns rather than the whole object. Not thread-safe: the
/// store calls it under its lock. A lookup returns records in insertion order, as a scan of the object would.
/// </summary>
internal sealed class FieldIndexes
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, List<JsonObject>>>> _byObject = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<JsonObject, long> _sequence = new(ReferenceEqualityComparer.Instance);
    private long _next;

    /// <summary>The text a field is indexed under: what the query engine compares strings with (null: not indexed).</summary>
    public static string? KeyOf(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null
        ? null
        : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    public void Added(string objectName, JsonObject record)
    {
        _sequence[record] = _next++;
        if (_byObject.TryGetValue(objectName, out var indexes))
        {
            foreach (var (field, index) in indexes)
            {
                Add(index, record, field);
            }
        }
    }

    /// <summary>Forgets every index (after a bulk change of values); they are built again on demand.</summary>
    public void Clear() => _byObject.Clear();

    /// <summary>Call before <paramref name="fields"/> are written to the record: takes it out of the indexes they touch.</summary>
    public void Changing(string objectName, JsonObject record, JsonObject fields)
    {
        foreach (var (field, index) in Touched(objectName, fields))
        {
            if (KeyOf(QueryEngine.Get(record, field)) is { } old && index.TryGetValue(old, out var list))
            {
                list.Remove(record);
            }
        }
    }

    /// <summary>Call after the write: files the record under its new values.</summary>
    public void Changed(string objectName, JsonObject record, JsonObject fields)
    {
        foreach (var (field, index) in Touched(objectName, fields))
        {
            Add(index, record, field);
        }
    }

    /// <summary>The records whose <paramref name="field"/> reads as one of <paramref name="keys"/> (ignoring case), in insertion order.</summary>
    public List<JsonObject> Lookup(string objectName, string field, IReadOnlyList<JsonObject> all, IEnumerable<string> keys)
    {
        if (!_byObject.TryGetValue(objectName, out var indexes))
        {
            _byObject[objectName] = indexes = new Dictionary<string, Dictionary<string, List<JsonObject>>>(StringComparer.OrdinalIgnoreCase);
        }

        if (!indexes.TryGetValue(field, out var index))
        {
            indexes[field] = index = new Dictionary<string, List<JsonObject>>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in all)
            {
                Add(index, record, field);
            }
        }

        var found = new List<JsonObject>();
        var lists = keys.Distinct(StringComparer.OrdinalIgnoreCase).Select(k => index.GetValueOrDefault(k)).OfType<List<JsonObject>>().ToList();
        foreach (var list in lists)
        {
            found.AddRange(list);
        }

        if (lists.Count > 1)
        {
            found.Sort((a, b) => _sequence[a].CompareTo(_sequence[b]));
        }

        return found;
    }

    private IEnumerable<(string Field, Dictionary<string, List<JsonObject>> Index)> Touched(string objectName, JsonObject fields)
    {
        if (!_byObject.TryGetValue(objectName, out var indexes))
        {
            yield break;
        }

        foreach (var (name, _) in fields)
        {
            if (indexes.TryGetValue(name, out var index))
            {
                yield return (name, index);
            }
        }
    }

    private void Add(Dictionary<string, List<JsonObject>> index, JsonObject record, string field)
    {
        if (KeyOf(QueryEngine.Get(record, field)) is not { } key)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        // Appends in the common case (a new record); an updated one goes back to its place in insertion order.
        var sequence = _sequence[record];
        if (list.Count == 0 || _sequence[list[^1]] < sequence)
        {
            list.Add(record);
            return;
        }

        var at = list.FindIndex(r => _sequence[r] > sequence);
        list.Insert(at < 0 ? list.Count : at, record);
    }
}
