using System.Text.Json.Nodes;

namespace SfBridge.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>sObject Collections take at most this many records per call.</summary>
    public const int MaxCollectionSize = 200;

    /// <summary>
    /// <c>PATCH /sobjects/{type}/{id}</c>. Sends <c>Sforce-Auto-Assign: FALSE</c> so case assignment rules do not
    /// re-route the case as a side effect of SfBridge's update.
    /// </summary>
    public async Task UpdateAsync(SObjectUpdate update, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch,
            new Uri(_options.DataPath($"sobjects/{update.Type}/{update.Id}"), UriKind.Relative))
        {
            Content = JsonBody(update.Fields),
        };
        request.Headers.TryAddWithoutValidation(NoAutoAssignHeader, "FALSE");
        using var response = await _http.SendAsync(request, cancellationToken);
        await SalesforceResponse.EnsureSuccessAsync(response, _time, cancellationToken);
    }

    /// <summary>
    /// <c>PATCH /composite/sobjects</c> with <c>allOrNone=false</c>, in calls of up to 200 records. Returns one result
    /// per record in input order; failed records keep Salesforce's errors (results are positional: a failed result
    /// may carry no id).
    /// </summary>
    public async Task<IReadOnlyList<RecordSaveResult>> UpdateRecordsAsync(IReadOnlyList<SObjectUpdate> updates, CancellationToken cancellationToken)
    {
        var results = new List<RecordSaveResult>(updates.Count);
        foreach (var chunk in updates.Chunk(MaxCollectionSize))
        {
            var body = new JsonObject
            {
                ["allOrNone"] = false,
                ["records"] = new JsonArray(chunk.Select(ToCollectionRecord).ToArray<JsonNode?>()),
            };
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_options.DataPath("composite/sobjects"), UriKind.Relative))
            {
                Content = JsonBody(body),
            };
            request.Headers.TryAddWithoutValidation(NoAutoAssignHeader, "FALSE");
            using var response = await _http.SendAsync(request, cancellationToken);
            var saves = await ReadJsonAsync<List<SaveResult>>(response, cancellationToken);
            if (saves.Count != chunk.Length)
            {
                throw new SalesforceApiException($"Salesforce returned {saves.Count} results for {chunk.Length} records",
                    response.StatusCode, "MALFORMED_RESPONSE", [], isTransient: false);
            }

            results.AddRange(chunk.Select((update, i) => new RecordSaveResult(update, saves[i].Success, saves[i].Errors ?? [])));
            var failed = saves.Count(s => !s.Success);
            if (failed > 0)
            {
                SalesforceLog.CollectionPartialFailure(_logger, failed, chunk.Length);
            }
        }

        return results;
    }

    /// <summary>
    /// A request body serialized up front, so it goes out with Content-Length as every other Salesforce client sends it
    /// (JsonContent streams it chunked, which some proxies and gateways in front of an org refuse).
    /// </summary>
    private static ByteArrayContent JsonBody<T>(T value)
    {
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, SalesforceJson.Options));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static JsonObject ToCollectionRecord(SObjectUpdate update)
    {
        var record = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = update.Type },
            ["id"] = update.Id,
        };
        foreach (var (field, value) in update.Fields)
        {
            record[field] = System.Text.Json.JsonSerializer.SerializeToNode(value, SalesforceJson.Options);
        }

        return record;
    }
}
