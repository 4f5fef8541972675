using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SfBridge.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>The batch resource takes at most this many feed elements per call.</summary>
    public const int MaxChatterBatchSize = 500;

    /// <summary>
    /// <c>POST /chatter/feed-elements</c>. Never retried by the pipeline: a lost response may hide a created post, so
    /// the caller decides (reading the feed) whether to post again.
    /// </summary>
    public async Task<FeedElement> PostFeedElementAsync(ChatterPost post, CancellationToken cancellationToken)
    {
        using var body = JsonBody(post.ToInput());
        using var response = await _http.PostAsync(new Uri(_options.DataPath("chatter/feed-elements"), UriKind.Relative), body, cancellationToken);
        return await ReadJsonAsync<FeedElement>(response, cancellationToken);
    }

    /// <summary><c>POST /chatter/feed-elements/batch</c> in calls of up to 500; one outcome per post, in order.</summary>
    public async Task<IReadOnlyList<ChatterBatchItem>> PostFeedElementsAsync(IReadOnlyList<ChatterPost> posts, CancellationToken cancellationToken)
    {
        var outcomes = new List<ChatterBatchItem>(posts.Count);
        foreach (var chunk in posts.Chunk(MaxChatterBatchSize))
        {
            var input = new BatchCollectionInput(chunk.Select(p => new BatchInput(p.ToInput())).ToList());
            using var body = JsonBody(input);
            using var response = await _http.PostAsync(new Uri(_options.DataPath("chatter/feed-elements/batch"), UriKind.Relative), body, cancellationToken);
            using var doc = await ReadJsonAsync<JsonDocument>(response, cancellationToken);
            var results = doc.RootElement.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().ToList()
                : throw new SalesforceApiException("Chatter batch response has no results array", response.StatusCode, "MALFORMED_RESPONSE", [], false);
            if (results.Count != chunk.Length)
            {
                throw new SalesforceApiException($"Chatter batch returned {results.Count} results for {chunk.Length} posts",
                    response.StatusCode, "MALFORMED_RESPONSE", [], isTransient: false);
            }

            var batch = chunk.Select((post, i) => ToBatchItem(post, results[i])).ToList();
            outcomes.AddRange(batch);
            var failed = batch.Count(b => !b.Success);
            if (failed > 0)
            {
                SalesforceLog.ChatterBatchPartialFailure(_logger, failed, chunk.Length);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// <c>GET /chatter/feeds/record/{id}/feed-elements</c>, newest first, following <c>nextPageUrl</c>. Stop
    /// enumerating as soon as you have seen enough: each further page is an API call.
    /// </summary>
    public async IAsyncEnumerable<FeedElement> GetRecordFeedAsync(string recordId, int pageSize = 25,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SalesforceId.Require(recordId, "Record");
        string? next = _options.DataPath($"chatter/feeds/record/{recordId}/feed-elements") + "?pageSize=" + Math.Clamp(pageSize, 1, 100);
        while (next is not null)
        {
            using var response = await _http.GetAsync(new Uri(next, UriKind.Relative), cancellationToken);
            var page = await ReadJsonAsync<FeedElementPage>(response, cancellationToken);
            foreach (var element in page.Elements)
            {
                yield return element;
            }

            next = page.NextPageUrl;
        }
    }

    private static ChatterBatchItem ToBatchItem(ChatterPost post, JsonElement result)
    {
        var status = result.TryGetProperty("statusCode", out var s) && s.TryGetInt32(out var code) ? code : 0;
        if (!result.TryGetProperty("result", out var body))
        {
            return new ChatterBatchItem(post, status, null, [new SalesforceError { ErrorCode = "MALFORMED_RESPONSE", Message = "no result" }]);
        }

        // A failed item's result is an array of {errorCode, message}; a successful one is the feed item.
        return body.ValueKind == JsonValueKind.Array
            ? new ChatterBatchItem(post, status, null, body.Deserialize<List<SalesforceError>>(SalesforceJson.Options) ?? [])
            : new ChatterBatchItem(post, status, body.Deserialize<FeedElement>(SalesforceJson.Options), []);
    }
}
