using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SfBridge.Salesforce;

/// <summary>
/// Typed client for the Salesforce REST and Connect APIs SfBridge uses: query (paged, streamed), record and
/// collection updates, Chatter feed elements, limits. Authentication, retries and API accounting live in the
/// handler pipeline (see <see cref="SalesforceServiceCollectionExtensions"/>), not here.
/// </summary>
public sealed partial class SalesforceClient
{
    internal const string NoAutoAssignHeader = "Sforce-Auto-Assign";

    private readonly HttpClient _http;
    private readonly SalesforceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SalesforceClient> _logger;

    public SalesforceClient(HttpClient http, IOptions<SalesforceOptions> options, TimeProvider time, ILogger<SalesforceClient> logger)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>GET /limits</c>: every org limit with its maximum and remaining amount.</summary>
    public async Task<OrgLimits> GetLimitsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_options.DataPath("limits"), UriKind.Relative), cancellationToken);
        await SalesforceResponse.EnsureSuccessAsync(response, _time, cancellationToken);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return OrgLimits.Parse(doc.RootElement);
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await SalesforceResponse.EnsureSuccessAsync(response, _time, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(SalesforceJson.Options, cancellationToken)
                   ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw Malformed(response.RequestMessage, ex);
        }
    }

    private static SalesforceApiException Malformed(HttpRequestMessage? request, JsonException ex) =>
        new($"Salesforce {request?.Method} {request?.RequestUri?.AbsolutePath} returned malformed JSON: {ex.Message}",
            null, "MALFORMED_RESPONSE", [], isTransient: true, inner: ex);
}
