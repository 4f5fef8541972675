using System.Runtime.CompilerServices;
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
                    : record.Json.Deserialize<T>(SalesforceJson.Options)!;
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
        var records = page["records"] as JsonArray
                      ?? throw new SalesforceApiException("Salesforce query page has no records array", null, "MALFORMED_RESPONSE", [], true);
        foreach (var record in records.OfType<JsonObject>())
        {
            await CompleteChildrenAsync(record, batchSize, cancellationToken);
        }

        SalesforceLog.QueryPage(_logger, pageNumber, ObjectName(records), records.Count, page["totalSize"]?.GetValue<long>() ?? 0);
        return (records.OfType<JsonObject>().Select(r => new SObjectRecord(r)).ToList(), NextUrl(page));
    }

    /// <summary><c>SELECT COUNT() …</c>: the count Salesforce reports in totalSize.</summary>
    public async Task<long> CountAsync(Soql soql, CancellationToken cancellationToken)
    {
        var page = await GetQueryPageAsync(_options.DataPath("query") + "?q=" + Uri.EscapeDataString(soql.Text), 2000, cancellationToken);
        return page["totalSize"]?.GetValue<long>() ?? 0;
    }

    private async Task CompleteChildrenAsync(JsonObject record, int batchSize, CancellationToken cancellationToken)
    {
        foreach (var (_, value) in record.ToList())
        {
            if (value is not JsonObject child || child["records"] is not JsonArray childRecords)
            {
                continue;
            }

            var next = NextUrl(child);
            while (next is not null)
            {
                var page = await GetQueryPageAsync(next, batchSize, cancellationToken);
                if (page["records"] is JsonArray more)
                {
                    foreach (var item in more.ToList())
                    {
                        more.Remove(item);
                        childRecords.Add(item);
                    }
                }

                next = NextUrl(page);
            }

            child["done"] = true;
            child.Remove("nextRecordsUrl");
        }
    }

    private async Task<JsonObject> GetQueryPageAsync(string pathAndQuery, int batchSize, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
            request.Headers.TryAddWithoutValidation(QueryOptionsHeader, "batchSize=" + batchSize);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await SalesforceResponse.EnsureSuccessAsync(response, _time, cancellationToken);
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                // A property named twice would throw at its first lookup, deep in a rule: refused here as a malformed page.
                return await JsonNode.ParseAsync(stream, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: cancellationToken) as JsonObject
                       ?? throw new JsonException("the page is not a JSON object");
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

    private static string? NextUrl(JsonObject result)
    {
        if (result["done"]?.GetValue<bool>() != false)
        {
            return null;
        }

        return result["nextRecordsUrl"]?.GetValue<string>()
               ?? throw new SalesforceApiException("Salesforce query result has done=false but no nextRecordsUrl", null, "MALFORMED_RESPONSE", [], true);
    }

    private static string ObjectName(JsonArray records) =>
        records.Count > 0 && records[0]?["attributes"]?["type"] is JsonNode type ? type.GetValue<string>() : "(none)";
}
