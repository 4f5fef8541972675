using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SfBridge.Salesforce;

/// <summary>
/// Sends every data call to the token's <c>instance_url</c> with its bearer token. On 401 INVALID_SESSION_ID it
/// renews the session once and replays the request; a second 401, or a 401 that renewal cannot cure (session not
/// valid for the REST API), reaches the caller.
/// </summary>
internal sealed class SalesforceAuthHandler(SalesforceTokenProvider tokens, ILogger<SalesforceAuthHandler> logger) : DelegatingHandler
{
    /// <summary>Base address the typed client uses until this handler puts the real instance in; never resolvable.</summary>
    public static readonly Uri Placeholder = new("https://instance.invalid/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        Apply(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !await IsExpiredSessionAsync(response, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        SalesforceLog.SessionExpired(logger, request.Method, request.RequestUri!.AbsolutePath);
        token = await tokens.RenewAsync(token, cancellationToken);
        Apply(request, token);
        return await base.SendAsync(request, cancellationToken);
    }

    private static void Apply(HttpRequestMessage request, SalesforceToken token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        request.RequestUri = new Uri(token.InstanceUrl, request.RequestUri!.PathAndQuery);
    }

    private static async Task<bool> IsExpiredSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        // "This session is not valid for use with the REST API" is a missing scope or API permission: renewing won't help.
        return (body.Length == 0 || body.Contains("INVALID_SESSION_ID", StringComparison.Ordinal))
               && !body.Contains("not valid for use with the REST API", StringComparison.OrdinalIgnoreCase);
    }
}
