using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Open query cursors: the full result fixed when the query ran, served page by page by locator. As in Salesforce, a
/// cursor left unused for 15 minutes expires (its locator is then invalid), so a long run does not pile them up.
/// </summary>
internal sealed class QueryCursors(EmulatorOptions options)
{
    private static readonly TimeSpan Inactivity = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);

    /// <summary>Renders the page starting at <paramref name="offset"/>; child results over the child page size get cursors of their own.</summary>
    public JsonObject Page(string locator, int offset, int batchSize)
    {
        if (!_cursors.TryGetValue(locator, out var cursor))
        {
            throw new KeyNotFoundException(locator);
        }

        cursor.LastUsed = options.Time.GetUtcNow();

        var size = Math.Min(cursor.PageSize ?? batchSize, options.MaxPageSize ?? int.MaxValue);
        var records = cursor.Records.Skip(offset).Take(size).Select(r => (JsonNode)PageChildren((JsonObject)r.DeepClone(), batchSize)).ToArray();
        var end = offset + records.Length;
        var page = new JsonObject { ["totalSize"] = cursor.TotalSize, ["done"] = end >= cursor.Records.Count };
        if (end < cursor.Records.Count)
        {
            page["nextRecordsUrl"] = NextUrl(locator, end);
        }

        page["records"] = new JsonArray(records);
        return page;
    }

    public string Open(List<JsonObject> records, int totalSize, int? pageSize = null)
    {
        var now = options.Time.GetUtcNow();
        foreach (var (expired, _) in _cursors.Where(c => now - c.Value.LastUsed > Inactivity))
        {
            _cursors.TryRemove(expired, out _);
        }

        var locator = "01g" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8))[..15];
        _cursors[locator] = new Cursor(records, totalSize, pageSize) { LastUsed = now };
        return locator;
    }

    public bool Exists(string locator) => _cursors.ContainsKey(locator);

    private JsonObject PageChildren(JsonObject record, int batchSize)
    {
        foreach (var (name, value) in record.ToList())
        {
            if (value is JsonObject { } child && child["records"] is JsonArray rows && rows.Count > options.ChildPageSize)
            {
                var all = rows.Select(r => (JsonObject)r!.DeepClone()).ToList();
                var locator = Open(all, all.Count, options.ChildPageSize);
                var first = Page(locator, 0, options.ChildPageSize);
                record[name] = first;
            }
        }

        return record;
    }

    private string NextUrl(string locator, int offset) => $"/services/data/v{options.ApiVersion}/query/{locator}-{offset}";

    private sealed record Cursor(List<JsonObject> Records, int TotalSize, int? PageSize)
    {
        public DateTimeOffset LastUsed { get; set; }
    }
}
