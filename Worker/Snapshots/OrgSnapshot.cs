using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>
/// An org snapshot folder as the audit command reads it: one REST query result per object
/// (<c>&lt;Object&gt;.json</c>, or the <c>sf data query --json</c> envelope) and <c>Gar.json</c> with GAR orders.
/// </summary>
public sealed class OrgSnapshot
{
    private readonly Dictionary<string, List<SObjectRecord>> _objects;

    private OrgSnapshot(Dictionary<string, List<SObjectRecord>> objects, IReadOnlyList<GarOrder>? gar)
    {
        _objects = objects;
        Gar = gar;
    }

    /// <summary>A snapshot from records already in memory (the worker's state store).</summary>
    public static OrgSnapshot From(IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> objects, IReadOnlyList<GarOrder>? gar) =>
        new(objects.ToDictionary(o => o.Key, o => o.Value.Select(r => new SObjectRecord(r)).ToList(), StringComparer.OrdinalIgnoreCase), gar);

    /// <summary>GAR orders, or null when the folder has no Gar.json.</summary>
    public IReadOnlyList<GarOrder>? Gar { get; }

    public IReadOnlyList<SObjectRecord> Records(string objectName) => _objects.TryGetValue(objectName, out var list) ? list : [];

    /// <summary>Reads the folder; throws <see cref="InvalidDataException"/> naming the file and position of the first problem.</summary>
    public static OrgSnapshot Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"{folder}: snapshot folder does not exist");
        }

        var objects = new Dictionary<string, List<SObjectRecord>>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<GarOrder>? gar = null;
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var root = Parse(path);
            if (name.Equals("Gar", StringComparison.OrdinalIgnoreCase))
            {
                gar = ReadGar(path, root);
                continue;
            }

            var result = (root as JsonObject)?["result"] as JsonObject ?? root as JsonObject;
            if (result?["records"] is not JsonArray records)
            {
                throw new InvalidDataException($"{path}: not a query result (expected totalSize, done, records[])");
            }

            objects[name] = records.Select((r, i) => r as JsonObject ?? throw new InvalidDataException($"{path}: records[{i}] is not an object"))
                .Select(r => new SObjectRecord(r)).ToList();
        }

        return new OrgSnapshot(objects, gar);
    }

    private static JsonNode? Parse(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: {ex.Message.Split('.')[0]}", ex);
        }
    }

    private static List<GarOrder> ReadGar(string path, JsonNode? root)
    {
        if (root is not JsonArray orders)
        {
            throw new InvalidDataException($"{path}: expected an array of GAR orders");
        }

        var list = new List<GarOrder>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i] as JsonObject;
            var number = o?["orderNumber"]?.GetValue<string>();
            var status = o?["status"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(status))
            {
                throw new InvalidDataException($"{path}: [{i}] needs orderNumber and status");
            }

            list.Add(new GarOrder(number, status, Date(path, i, o!, "validatedAt"), Date(path, i, o!, "updatedAt")));
        }

        return list;
    }

    private static DateTimeOffset? Date(string path, int index, JsonObject order, string field)
    {
        var text = order[field]?.GetValue<string>();
        if (text is null)
        {
            return null;
        }

        return SalesforceDateTime.TryParse(text, out var value) ? value : throw new InvalidDataException($"{path}: [{index}].{field} '{text}' is not an ISO-8601 instant");
    }
}
