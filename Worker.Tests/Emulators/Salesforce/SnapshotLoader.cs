using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Loads an org snapshot: one <c>&lt;Object&gt;.json</c> per object, each a REST query result (or the
/// <c>sf data query --json</c> envelope). Child subquery results inside records become records of their own
/// object, linked by the relationship's foreign key, so any query can be answered from them.
/// </summary>
internal static class SnapshotLoader
{
    public static int Load(OrgStore store, string folder, IReadOnlySet<string>? exclude = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Snapshot folder '{folder}' does not exist");
        }

        var loaded = 0;
        // Parents before children is not required (ids are fixed in the files), but users/groups first keeps ids stable.
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var objectName = Path.GetFileNameWithoutExtension(file);
            if (exclude?.Contains(objectName) == true)
            {
                continue;
            }

            if (!OrgSchema.IsKnownObject(objectName) && !char.IsAsciiLetterUpper(objectName[0]))
            {
                continue;
            }

            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file}: not valid JSON ({ex.Message})", ex);
            }

            if (root is not JsonObject rootObject)
            {
                continue; // e.g. Gar.json, an array of GAR orders and not a Salesforce object
            }

            var result = rootObject["result"] as JsonObject ?? rootObject;
            if (result["records"] is not JsonArray records)
            {
                throw new InvalidDataException($"{file}: not a query result (no records array)");
            }

            foreach (var record in records.OfType<JsonObject>())
            {
                loaded += Insert(store, objectName, record);
            }
        }

        return loaded;
    }

    private static int Insert(OrgStore store, string objectName, JsonObject source)
    {
        var record = source; // the parsed file is ours to change, and the store copies what it keeps
        var children = new List<(string Relationship, JsonArray Rows)>();
        foreach (var (name, value) in record.ToList())
        {
            if (value is JsonObject child && child["records"] is JsonArray rows)
            {
                children.Add((name, rows));
                record.Remove(name);
            }
            else if (value is null && name.EndsWith('s') && OrgSchema.ChildRelationships.ContainsKey((objectName, name)))
            {
                record.Remove(name); // "CaseComments": null means no children
            }
        }

        var type = record["attributes"]?["type"]?.GetValue<string>() ?? objectName;
        var id = store.Insert(type, record);
        var count = 1;
        foreach (var (relationship, rows) in children)
        {
            var (childObject, foreignKey) = store.Read(v => v.ChildRelationship(type, relationship))
                                            ?? (rows.FirstOrDefault()?["attributes"]?["type"]?.GetValue<string>() ?? relationship, "ParentId");
            store.RegisterChildRelationship(type, relationship, childObject, foreignKey);
            foreach (var row in rows.OfType<JsonObject>())
            {
                var child = row;
                child[foreignKey] ??= id;
                count += Insert(store, childObject, child);
            }
        }

        return count;
    }
}
