using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Open query cursors: the records and their order fixed when the query ran, served page by page by locator. As in
/// Salesforce, a cursor left unused for 15 minutes expires (its locator is then invalid), so a long run does not pile
/// them up. Each record is kept as the UTF-8 JSON it is sent as, so a page costs the records on it and a large result
/// holds bytes, not a tree of nodes per field. The first records are shaped while the query runs (a result that
/// fits in one page is wholly shaped then); the rest in the background, a later page waiting for its records only,
/// so the first page of a 100,000-record result comes back at the cost of one page.
/// </summary>
internal sealed class QueryCursors(EmulatorOptions options)
{
    /// <summary>Records shaped while the query runs: the largest page Salesforce serves.</summary>
    public const int FirstChunk = 2000;

    private static readonly TimeSpan Inactivity = TimeSpan.FromMinutes(15);
    private static readonly JsonSerializerOptions Serializer = new();
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
        var count = Math.Max(0, Math.Min(size, cursor.Count - offset));
        var end = offset + count;
        var records = cursor.Take(offset, end);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", cursor.TotalSize);
            writer.WriteBoolean("done", end >= cursor.Count);
            if (end < cursor.Count)
            {
                writer.WriteString("nextRecordsUrl", NextUrl(locator, end));
            }

            writer.WriteStartArray("records");
            foreach (var record in records)
            {
                writer.WriteRawValue(record, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new QueryPage(buffer.ToArray(), count, cursor.SObject);
    }

    /// <summary>Opens a cursor on a query's rows; call inside <see cref="QueryEngine.Execute{T}"/>.</summary>
    public string Open(QueryEngine.QueryRows rows)
    {
        var cursor = new Cursor(rows.Count, rows.TotalSize, null, rows.SObject);
        foreach (var record in rows.Project(0, Math.Min(FirstChunk, rows.Count)))
        {
            cursor.Add(Serialize(record));
        }

        if (rows.Count > FirstChunk)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    rows.ProjectLater(FirstChunk, r => cursor.Add(Serialize(r)));
                    cursor.Complete(null);
                }
                catch (Exception ex)
                {
                    cursor.Complete(ex);
                }
            });
        }
        else
        {
            cursor.Complete(null);
        }

        return Register(cursor);
    }

    /// <summary>Fixes a result already shaped (a child result over the child page size).</summary>
    public string Open(IReadOnlyList<JsonObject> records, int? pageSize)
    {
        var cursor = new Cursor(records.Count, records.Count, pageSize, null);
        foreach (var record in records)
        {
            cursor.Add(Serialize(record));
        }

        cursor.Complete(null);
        return Register(cursor);
    }

    public bool Exists(string locator) => _cursors.ContainsKey(locator);

    private string Register(Cursor cursor)
    {
        var now = options.Time.GetUtcNow();
        foreach (var (expired, _) in _cursors.Where(c => now - c.Value.LastUsed > Inactivity))
        {
            _cursors.TryRemove(expired, out _);
        }

        cursor.LastUsed = now;
        var locator = "01g" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8))[..15];
        _cursors[locator] = cursor;
        return locator;
    }

    /// <summary>The record as sent; child results over the child page size get cursors of their own.</summary>
    private byte[] Serialize(JsonObject record)
    {
        foreach (var (name, value) in record.ToList())
        {
            if (value is JsonObject { } child && child["records"] is JsonArray rows && rows.Count > options.ChildPageSize)
            {
                var locator = Open(rows.Select(r => (JsonObject)r!.DeepClone()).ToList(), options.ChildPageSize);
                record[name] = JsonNode.Parse(Page(locator, 0, options.ChildPageSize).Body);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(record, Serializer);
    }

    private string NextUrl(string locator, int offset) => $"/services/data/v{options.ApiVersion}/query/{locator}-{offset}";

    /// <summary>A result's records as they become ready; a page waits for its own.</summary>
    private sealed class Cursor(int count, int totalSize, int? pageSize, string? sObject)
    {
        private readonly object _gate = new();
        private readonly List<byte[]> _records = new(count);
        private bool _complete;
        private Exception? _failure;

        public int Count => count;

        public int TotalSize => totalSize;

        public int? PageSize => pageSize;

        public string? SObject => sObject;

        public DateTimeOffset LastUsed { get; set; }

        public void Add(byte[] record)
        {
            lock (_gate)
            {
                _records.Add(record);
                Monitor.PulseAll(_gate);
            }
        }

        public void Complete(Exception? failure)
        {
            lock (_gate)
            {
                _complete = true;
                _failure = failure;
                Monitor.PulseAll(_gate);
            }
        }

        public List<byte[]> Take(int offset, int end)
        {
            lock (_gate)
            {
                while (_records.Count < end && !_complete)
                {
                    Monitor.Wait(_gate);
                }

                return _records.Count >= end
                    ? _records.GetRange(offset, end - offset)
                    : throw new InvalidOperationException("The query result could not be prepared", _failure);
            }
        }
    }
}

/// <summary>One page of a query result: the response body, how many records it holds, the object queried.</summary>
internal readonly record struct QueryPage(byte[] Body, int Records, string? SObject);
