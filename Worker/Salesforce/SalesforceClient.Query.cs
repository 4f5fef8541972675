using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Salesforce;

public sealed partial class SalesforceClient
{
    private const string QueryOptionsHeader = "Sforce-Query-Options";

    /// <summary>
    /// Runs a query and streams its records page by page through <c>nextRecordsUrl</c>; only one page is held at a
    /// time. Child subquery results that Salesforce paged are completed before the parent cursor advances (moving
    /// the parent cursor invalidates child cursors).
    /// </summary>
    public IAsyncEnumerable<SObjectRecord> QueryAsync(Soql soql, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        QueryAsync<SObjectRecord>(soql, options, cancellationToken);

    /// <summary>Like <see cref="QueryAsync(Soql, QueryOptions?, CancellationToken)"/>, deserialising each record to <typeparamref name="T"/>.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(Soql soql, QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(soql, options, cancellationToken))
        {
            foreach (var record in page)
            {
                yield return typeof(T) == typeof(SObjectRecord)
                    ? (T)(object)record
                    : record.Deserialize<T>(SalesforceJson.Options);
            }
        }
    }

    /// <summary>
    /// The same query, page by page, for callers that store each page in one transaction and must know where pages
    /// end (a watermark is only moved past a page once that page is stored). Child results are already complete. A
    /// page's list is emptied when the next page is asked for: keep the records, not the list.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<SObjectRecord>> QueryPagesAsync(Soql soql, QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var resource = options?.IncludeDeleted == true ? "queryAll" : "query";
        var batchSize = Math.Clamp(options?.BatchSize ?? _options.QueryBatchSize, 200, 2000);
        string? next = _options.DataPath(resource) + "?q=" + Uri.EscapeDataString(soql.Text);
        var pageNumber = 0;
        while (next is not null)
        {
            var (records, nextUrl) = await ReadPageAsync(next, batchSize, ++pageNumber, cancellationToken);
            next = nextUrl;
            if (next is null)
            {
                // The query's last page is read: the buffer grown for its pages is not held through the jobs that follow.
                Volatile.Write(ref _pageBuffer, null);
            }

            yield return records;
            // The caller has asked for the next page: this one is let go before that is read, not after, so two pages of
            // 2,000 records are never held at once. A caller keeps the records it needs, never the page's list.
            records.Clear();
        }
    }

    /// <summary>One page of a query, its child results completed, and where the next one is.</summary>
    private async Task<(List<SObjectRecord> Records, string? Next)> ReadPageAsync(string pathAndQuery, int batchSize, int pageNumber, CancellationToken cancellationToken)
    {
        var page = await GetQueryPageAsync(pathAndQuery, batchSize, cancellationToken);
        var records = page.Records ?? throw new SalesforceApiException("Salesforce query page has no records array", null, "MALFORMED_RESPONSE", [], true);
        foreach (var record in records)
        {
            await CompleteChildrenAsync(record, batchSize, cancellationToken);
        }

        SalesforceLog.QueryPage(_logger, pageNumber, ObjectName(records), records.Count, page.TotalSize);
        return (records, page.Next);
    }

    /// <summary><c>SELECT COUNT() …</c>: the count Salesforce reports in totalSize.</summary>
    public async Task<long> CountAsync(Soql soql, CancellationToken cancellationToken) =>
        (await GetQueryPageAsync(_options.DataPath("query") + "?q=" + Uri.EscapeDataString(soql.Text), 2000, cancellationToken)).TotalSize;

    private async Task CompleteChildrenAsync(SObjectRecord record, int batchSize, CancellationToken cancellationToken)
    {
        foreach (var (_, value) in record.Json.ToList())
        {
            if (value is not JsonObject child || child["records"] is not JsonArray childRecords || NextUrl(child) is not { } first)
            {
                continue;
            }

            string? next = first;
            while (next is not null)
            {
                var page = await GetQueryPageAsync(next, batchSize, cancellationToken);
                foreach (var item in page.Records ?? [])
                {
                    childRecords.Add(item.Json);
                }

                next = page.Next;
            }

            child["done"] = true;
            child.Remove("nextRecordsUrl");
            record.Changed();
        }
    }

    /// <summary>A query result page: its records (null when it has no records array), totalSize, and the next page's URL.</summary>
    private sealed record QueryPage(List<SObjectRecord>? Records, long TotalSize, string? Next);

    /// <summary>
    /// Reads one page into the kept buffer; each record gets a tree and a copy of its own bytes (<see cref="ReadPage"/>):
    /// a page of 2,000 cases with their children (several MB) leaves no page-sized copy behind, only record-sized ones.
    /// </summary>
    private async Task<QueryPage> GetQueryPageAsync(string pathAndQuery, int batchSize, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
            request.Headers.TryAddWithoutValidation(QueryOptionsHeader, "batchSize=" + batchSize);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await SalesforceResponse.EnsureSuccessAsync(response, _time, cancellationToken);
            try
            {
                var (buffer, length) = await ReadBodyAsync(response.Content, cancellationToken);
                try
                {
                    return ReadPage(buffer.AsSpan(0, length));
                }
                finally
                {
                    KeepPageBuffer(buffer);
                }
            }
            catch (JsonException ex) when (attempt == 1)
            {
                // A truncated or garbled page is re-read once from the same position; the cursor is still valid.
                SalesforceLog.MalformedPage(_logger, request.RequestUri!.AbsolutePath, ex.Message);
            }
            catch (JsonException ex)
            {
                throw Malformed(request, ex);
            }
        }
    }

    /// <summary>
    /// The buffer the last page was read into, kept for the next one: pages are read one at a time, and a buffer grown to
    /// the largest page (a few MB for 2,000 cases with their children, 15 MB in the 100,000-case benchmark org) is
    /// reused instead of leaving a ladder of doubled buffers behind for every page. Let go after a query's last page.
    /// </summary>
    private byte[]? _pageBuffer;

    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength is > 0 and <= int.MaxValue and var declared ? (int)Math.Min(declared, Array.MaxLength) : 0;
        var buffer = Interlocked.Exchange(ref _pageBuffer, null) ?? new byte[Math.Max(expected, 64 * 1024)];
        if (buffer.Length < expected)
        {
            buffer = new byte[expected];
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = new byte[(int)Math.Min((long)buffer.Length * 2, Array.MaxLength)];
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    /// <summary>Keeps the larger of this buffer and the one kept already (another query may have read a page meanwhile).</summary>
    private void KeepPageBuffer(byte[] buffer)
    {
        var kept = Interlocked.CompareExchange(ref _pageBuffer, buffer, null);
        if (kept is not null && kept.Length < buffer.Length)
        {
            Interlocked.CompareExchange(ref _pageBuffer, buffer, kept);
        }
    }

    /// <summary>
    /// A page read token by token: the page's own properties are read as they come and each record is parsed from its
    /// own bytes, so the page is never held as a document (whose index, as large as the page, would stay in the shared
    /// array pool after it was given back). A property named twice, on the page or in a record, makes it malformed: it
    /// would otherwise throw at its first lookup, deep in a rule.
    /// </summary>
    private static QueryPage ReadPage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the page is not a JSON object");
        }

        List<SObjectRecord>? records = null;
        long total = 0;
        var done = JsonValueKind.Undefined;
        string? nextRecordsUrl = null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Only the names read are compared (escapes undone, no string made of the others): a value skipped is not read.
            var name = PageProperty(ref reader);
            if (name is not null && !names.Add(name))
            {
                throw new JsonException($"the page has the property {name} twice");
            }

            reader.Read();
            switch (name)
            {
                case "records" when reader.TokenType == JsonTokenType.StartArray:
                    records = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var isObject = reader.TokenType == JsonTokenType.StartObject;
                        reader.Skip();
                        if (isObject)
                        {
                            records.Add(SObjectRecord.FromUtf8(json[start..(int)reader.BytesConsumed]));
                        }
                    }

                    break;
                case "totalSize" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n):
                    total = n;
                    break;
                case "nextRecordsUrl" when reader.TokenType == JsonTokenType.String:
                    nextRecordsUrl = Text(ref reader, name);
                    break;
                case "done":
                    done = reader.TokenType switch
                    {
                        JsonTokenType.True => JsonValueKind.True,
                        JsonTokenType.False => JsonValueKind.False,
                        JsonTokenType.Null => JsonValueKind.Null,
                        JsonTokenType.String => JsonValueKind.String,
                        JsonTokenType.Number => JsonValueKind.Number,
                        JsonTokenType.StartArray => JsonValueKind.Array,
                        _ => JsonValueKind.Object,
                    };
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // The reader refuses anything but white space after the page's closing brace, as a document did.
        if (reader.Read())
        {
            throw new JsonException("the page goes on after its closing brace");
        }

        return new QueryPage(records, total, NextUrl(done, nextRecordsUrl));
    }

    /// <summary>The properties of a query page that SfBridge reads; any other is skipped.</summary>
    private static readonly string[] PageProperties = ["records", "totalSize", "done", "nextRecordsUrl"];

    /// <summary>Which of <see cref="PageProperties"/> the reader is on (null: another, skipped).</summary>
    private static string? PageProperty(ref Utf8JsonReader reader)
    {
        foreach (var name in PageProperties)
        {
            if (reader.ValueTextEquals(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A string value of the page; one whose escapes make no text is a malformed page, not an unexpected error.</summary>
    private static string Text(ref Utf8JsonReader reader, string name)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"the page's {name} is not text: {ex.Message}", ex);
        }
    }

    /// <summary>The next page's URL: null when <c>done</c> is true (or absent), required when it is false.</summary>
    private static string? NextUrl(JsonValueKind done, string? nextRecordsUrl) =>
        done switch
        {
            JsonValueKind.False => nextRecordsUrl
                                   ?? throw new SalesforceApiException("Salesforce query result has done=false but no nextRecordsUrl", null, "MALFORMED_RESPONSE", [], true),
            JsonValueKind.True or JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new SalesforceApiException($"Salesforce query result has a done that is {done}, not true or false", null, "MALFORMED_RESPONSE", [], true),
        };

    private static string? NextUrl(JsonObject result) =>
        NextUrl(result["done"]?.GetValueKind() ?? JsonValueKind.Null, result["nextRecordsUrl"] is JsonValue url && url.TryGetValue<string>(out var text) ? text : null);

    private static string ObjectName(List<SObjectRecord> records) => records.Count > 0 ? records[0].Type ?? "(none)" : "(none)";
}
