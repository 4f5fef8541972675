using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SfBridge.Salesforce;

/// <summary>
/// Obtains and caches the session. One request at a time: when several calls see an expired session together,
/// the first renews it and the others reuse the new token.
/// </summary>
public sealed class SalesforceTokenProvider : IDisposable
{
    public const string HttpClientName = "SfBridge.SalesforceAuth";
    private const string DefaultLoginHost = "https://login.salesforce.com";

    private readonly IHttpClientFactory _httpClients;
    private readonly IOptionsMonitor<SalesforceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ApiUsageMonitor _usage;
    private readonly ILogger<SalesforceTokenProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceToken? _current;
    private TokenFailure? _lastFailure;

    public SalesforceTokenProvider(IHttpClientFactory httpClients, IOptionsMonitor<SalesforceOptions> options,
        TimeProvider time, ApiUsageMonitor usage, ILogger<SalesforceTokenProvider> logger)
    {
        _httpClients = httpClients;
        _options = options;
        _time = time;
        _usage = usage;
        _logger = logger;
    }

    /// <summary>The cached session, or a new one when there is none or it reached its renewal age.</summary>
    public ValueTask<SalesforceToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && _time.GetUtcNow() < current.RenewAt
            ? ValueTask.FromResult(current)
            : new ValueTask<SalesforceToken>(RenewAsync(current, cancellationToken));
    }

    /// <summary>The session in use (null before the first), without renewing it: the readiness check reads it.</summary>
    public SalesforceToken? Cached => Volatile.Read(ref _current);

    /// <summary>The last token request's failure, or null when the last one succeeded (or none was made yet).</summary>
    public TokenFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>The user id at the end of the identity URL (https://login.salesforce.com/id/{orgId}/{userId}), in 18-character form.</summary>
    internal static string? UserOf(string? identityUrl)
    {
        var last = identityUrl?.TrimEnd('/').Split('/')[^1];
        return SalesforceId.HasPrefix(last, SalesforceId.UserPrefix) ? SalesforceId.To18(last!) : null;
    }

    /// <summary>Replaces <paramref name="stale"/> unless another caller already did.</summary>
    public async Task<SalesforceToken> RenewAsync(SalesforceToken? stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current, stale) && _time.GetUtcNow() < current.RenewAt)
            {
                return current;
            }

            SalesforceToken fresh;
            try
            {
                fresh = await RequestTokenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is SalesforceApiException or HttpRequestException)
            {
                Volatile.Write(ref _lastFailure, new TokenFailure(_time.GetUtcNow(), (ex as SalesforceApiException)?.ErrorCode ?? ex.GetType().Name));
                throw;
            }

            Volatile.Write(ref _current, fresh);
            Volatile.Write(ref _lastFailure, null);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SalesforceToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var flow = options.Flow;
        using var form = new FormUrlEncodedContent(BuildForm(options, flow));
        var http = _httpClients.CreateClient(HttpClientName);
        _usage.RecordCall("token");
        using var response = await http.PostAsync(new Uri(options.LoginUri, "services/oauth2/token"), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await TokenFailureAsync(response, flow, cancellationToken);
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(SalesforceJson.Options, cancellationToken);
        if (string.IsNullOrEmpty(body?.AccessToken) || !Uri.TryCreate(body.InstanceUrl, UriKind.Absolute, out var instance))
        {
            throw new SalesforceAuthException($"Salesforce token response ({flow}) lacks access_token or instance_url",
                response.StatusCode, "MALFORMED_TOKEN_RESPONSE", null);
        }

        if (!SecureUrl.IsAllowed(instance))
        {
            throw new SalesforceAuthException($"Salesforce returned instance_url '{instance.GetLeftPart(UriPartial.Authority)}' which is neither https nor loopback",
                response.StatusCode, "INSECURE_INSTANCE_URL", null);
        }

        var now = _time.GetUtcNow();
        SalesforceLog.Authenticated(_logger, flow, instance.GetLeftPart(UriPartial.Authority));
        return new SalesforceToken(body.AccessToken, new Uri(instance.GetLeftPart(UriPartial.Authority) + "/"), now, now + options.TokenLifetime)
        {
            UserId = UserOf(body.Id),
        };
    }

    private IEnumerable<KeyValuePair<string, string>> BuildForm(SalesforceOptions options, AuthFlow flow)
    {
        if (flow == AuthFlow.ClientCredentials)
        {
            return
            [
                new("grant_type", "client_credentials"),
                new("client_id", options.ClientId!),
                new("client_secret", options.ClientSecret!),
            ];
        }

        using var key = LoadPrivateKey(options.PrivateKeyPath!);
        var assertion = JwtAssertion.Create(options.ClientId!, options.Username!, Audience(options), key, _time.GetUtcNow());
        return
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            new("assertion", assertion),
        ];
    }

    /// <summary>The aud claim is the authorisation server, not the My Domain host the request goes to.</summary>
    internal static string Audience(SalesforceOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.JwtAudience))
        {
            return options.JwtAudience.TrimEnd('/');
        }

        var login = options.LoginUri;
        return login.Host.EndsWith(".my.salesforce.com", StringComparison.OrdinalIgnoreCase) ? DefaultLoginHost
            : login.GetLeftPart(UriPartial.Authority);
    }

    private static RSA LoadPrivateKey(string path)
    {
        try
        {
            return PrivateKeyFile.Load(path);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            // Only PrivateKeyFile's own wording is kept: some parsers echo the input they could not read.
            var problem = ex is CryptographicException && ex.Message.StartsWith("holds ", StringComparison.Ordinal) ? ex.Message : $"holds no readable RSA private key ({ex.GetType().Name})";
            throw new SalesforceAuthException($"Salesforce:PrivateKeyPath '{path}' {problem}", null, "INVALID_PRIVATE_KEY", null);
        }
    }

    private async Task<SalesforceApiException> TokenFailureAsync(HttpResponseMessage response, AuthFlow flow, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        TokenError? error = null;
        try
        {
            error = System.Text.Json.JsonSerializer.Deserialize<TokenError>(text, SalesforceJson.Options);
        }
        catch (System.Text.Json.JsonException)
        {
            // Gateways answer with HTML; the status alone then explains the failure.
        }

        var code = error?.Error ?? "HTTP_" + (int)response.StatusCode;
        SalesforceLog.TokenRequestFailed(_logger, flow, (int)response.StatusCode, code);
        var message = $"Salesforce token request ({flow}) failed: {(int)response.StatusCode} {code}" +
                      (error?.Description is { Length: > 0 } d ? ": " + d : "");
        return SalesforceErrorClassifier.IsTransientStatus(response.StatusCode) || response.StatusCode == HttpStatusCode.TooManyRequests
            ? new SalesforceApiException(message, response.StatusCode, code, [], isTransient: true)
            : new SalesforceAuthException(message, response.StatusCode, code, error?.Description);
    }

    public void Dispose() => _gate.Dispose();
}
