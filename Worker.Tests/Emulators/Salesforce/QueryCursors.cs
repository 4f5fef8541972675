using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Open query cursors: the full result fixed when the query ran, served page by page by locator. As in Salesforce, a
/// cursor left unused for 15 minutes expires (its locator is then invalid), so a long run does not pile them up.
/// Each record is kept as the UTF-8 JSON it is sent as (written once, when the query runs), so a page costs the
/// records on it and a large result holds bytes, not a tree of nodes per field.
/// </summary>
internal sealed class QueryCursors(EmulatorOptions options)
{
    private static readonly TimeSpan Inactivity = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);

    /// <summary>The page starting at <paramref name="offset"/>, as the JSON body of a query response.</summary>
    public QueryPage Page(string locator, int offset, int batchSize)
    {
        if (!_cursors.TryGetValue(locator, out var cursor))
        {
            throw new KeyNotFoundException(locator);
        }

        cursor.LastUsed = options.Time.GetUtcNow();

        var size = Math.Min(cursor.PageSize ?? batchSize, options.MaxPageSize ?? int.MaxValue);
        var count = Math.Max(0, Math.Min(size, cursor.Records.Count - offset));
        var end = offset + count;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", cursor.TotalSize);
            writer.WriteBoolean("done", end >= cursor.Records.Count);
            if (end < cursor.Records.Count)
            {
                writer.WriteString("nextRecordsUrl", NextUrl(locator, end));
            }

            writer.WriteStartArray("records");
            for (var i = offset; i < end; i++)
            {
                writer.WriteRawValue(cursor.Records[i], skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new QueryPage(buffer.ToArray(), count, cursor.SObject);
    }

    /// <summary>Fixes a result; child results over the child page size get cursors of their own now.</summary>
    public string Open(IEnumerable<JsonObject> records, int totalSize, int? pageSize = null, string? sObject = null)
    {
        var now = options.Time.GetUtcNow();
        foreach (var (expired, _) in _cursors.Where(c => now - c.Value.LastUsed > Inactivity))
        {
            _cursors.TryRemove(expired, out _);
        }

        var rows = records.Select(r => JsonSerializer.SerializeToUtf8Bytes(PageChildren(r), JsonNodeOptions)).ToList();
        var locator = "01g" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8))[..15];
        _cursors[locator] = new Cursor(rows, totalSize, pageSize, sObject) { LastUsed = now };
        return locator;
    }

    public bool Exists(string locator) => _cursors.ContainsKey(locator);

    private static readonly JsonSerializerOptions JsonNodeOptions = new();

    private JsonObject PageChildren(JsonObject record)
    {
        foreach (var (name, value) in record.ToList())
        {
            if (value is JsonObject { } child && child["records"] is JsonArray rows && rows.Count > options.ChildPageSize)
            {
                var all = rows.Select(r => (JsonObject)r!.DeepClone()).ToList();
                var locator = Open(all, all.Count, options.ChildPageSize);
                record[name] = JsonNode.Parse(Page(locator, 0, options.ChildPageSize).Body);
            }
        }

        return record;
    }

    private string NextUrl(string locator, int offset) => $"/services/data/v{options.ApiVersion}/query/{locator}-{offset}";

    private sealed record Cursor(List<byte[]> Records, int TotalSize, int? PageSize, string? SObject)
    {
        public DateTimeOffset LastUsed { get; set; }
    }
}

/// <summary>One page of a query result: the response body, how many records it holds, the object queried.</summary>
internal readonly record struct QueryPage(byte[] Body, int Records, string? SObject);
