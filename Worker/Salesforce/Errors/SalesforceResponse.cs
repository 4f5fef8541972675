using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SfBridge.Salesforce;

/// <summary>The one place where a Salesforce HTTP response becomes a typed exception.</summary>
internal static class SalesforceResponse
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var errors = ParseErrors(body);
        var first = errors.Count > 0 ? errors[0] : null;
        var code = first?.Code ?? (response.StatusCode == HttpStatusCode.ServiceUnavailable ? "SERVER_UNAVAILABLE" : "HTTP_" + (int)response.StatusCode);
        var detail = first?.Message is { Length: > 0 } m ? m : DescribeNonJson(response, body);
        var request = response.RequestMessage;
        var message = $"Salesforce {request?.Method} {request?.RequestUri?.AbsolutePath} failed: {(int)response.StatusCode} {code}: {detail}";
        if (errors.Count > 1)
        {
            message += $" (+{errors.Count - 1} more)";
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SalesforceAuthException(message, response.StatusCode, code, detail);
        }

        var retryAfter = RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
        throw new SalesforceApiException(message, response.StatusCode, code, errors,
            SalesforceErrorClassifier.IsTransient(response.StatusCode, code), retryAfter);
    }

    public static IReadOnlyList<SalesforceError> ParseErrors(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] is not ('[' or '{'))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => doc.RootElement.Deserialize<List<SalesforceError>>(SalesforceJson.Options) ?? [],
                JsonValueKind.Object when doc.RootElement.TryGetProperty("errorCode", out _) || doc.RootElement.TryGetProperty("message", out _)
                    => [doc.RootElement.Deserialize<SalesforceError>(SalesforceJson.Options)!],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string DescribeNonJson(HttpResponseMessage response, string body)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        return body.Length == 0 ? $"empty body ({type})" : $"non-JSON body ({type}, {body.Length} chars)";
    }
}
