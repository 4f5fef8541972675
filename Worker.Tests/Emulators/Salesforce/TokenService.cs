using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>The OAuth token endpoint: verifies JWT bearer assertions (RS256) and accepts any client credentials.</summary>
internal sealed class TokenService(EmulatorOptions options, string orgId, string integrationUserId)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    /// <summary>Every token ever issued, so tests can prove none reached a log.</summary>
    public IReadOnlyCollection<string> Issued => _issued.Keys.ToList();

    private readonly ConcurrentDictionary<string, byte> _issued = new(StringComparer.Ordinal);

    public bool IsValid(string? token) => token is not null && _sessions.ContainsKey(token);

    public void ExpireAll() => _sessions.Clear();

    /// <summary>Returns (status, body) for a token request.</summary>
    public (int Status, JsonObject Body) Grant(IFormCollection form, string? authorization, string instanceUrl)
    {
        var grant = form["grant_type"].ToString();
        switch (grant)
        {
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                var error = VerifyAssertion(form["assertion"].ToString(), instanceUrl);
                return error ?? (200, Issue(instanceUrl, includeIssuedAt: false));
            case "client_credentials":
                var (id, secret) = ClientCredentials(form, authorization);
                return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
                    ? Error("invalid_client", "invalid client credentials")
                    : (200, Issue(instanceUrl, includeIssuedAt: true));
            default:
                return Error("unsupported_grant_type", "grant type not supported");
        }
    }

    private JsonObject Issue(string instanceUrl, bool includeIssuedAt)
    {
        var token = orgId[..15] + "!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _sessions[token] = options.Time.GetUtcNow();
        _issued[token] = 0;
        var body = new JsonObject
        {
            ["access_token"] = token,
            ["scope"] = "api",
            ["instance_url"] = instanceUrl,
            ["id"] = $"{instanceUrl}/id/{orgId}/{integrationUserId}",
            ["token_type"] = "Bearer",
        };
        if (includeIssuedAt)
        {
            body["issued_at"] = options.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            body["signature"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        return body;
    }

    private (int, JsonObject)? VerifyAssertion(string assertion, string instanceUrl)
    {
        if (options.JwtPublicKey is null)
        {
            return Error("invalid_grant", "JWT bearer flow is not configured on this emulator (no public key)");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return Error("invalid_grant", "invalid assertion");
        }

        JsonNode? header, claims;
        try
        {
            header = JsonNode.Parse(FromBase64Url(parts[0]));
            claims = JsonNode.Parse(FromBase64Url(parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Error("invalid_grant", "invalid assertion");
        }

        var signature = FromBase64Url(parts[2]);
        if (header?["alg"]?.GetValue<string>() != "RS256" ||
            !options.JwtPublicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return Error("invalid_grant", "invalid assertion");
        }

        var iss = claims?["iss"]?.GetValue<string>();
        if (options.JwtClientId is not null && iss != options.JwtClientId)
        {
            return Error("invalid_client_id", "client identifier invalid");
        }

        var aud = claims?["aud"]?.GetValue<string>()?.TrimEnd('/');
        if (aud is not ("https://login.salesforce.com" or "https://test.salesforce.com") && aud != instanceUrl.TrimEnd('/'))
        {
            return Error("invalid_grant", "Audience validation failed");
        }

        var exp = claims?["exp"]?.GetValue<long>() ?? 0;
        var now = options.Time.GetUtcNow().ToUnixTimeSeconds();
        if (exp <= now || exp > now + 300)
        {
            return Error("invalid_grant", "expired authorization code");
        }

        var sub = claims?["sub"]?.GetValue<string>();
        if (string.IsNullOrEmpty(sub) || (options.JwtUsernames.Count > 0 && !options.JwtUsernames.Contains(sub)))
        {
            return Error("invalid_grant", "user hasn't approved this consumer");
        }

        return null;
    }

    private static (string? Id, string? Secret) ClientCredentials(IFormCollection form, string? authorization)
    {
        if (authorization is not null && authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static (int, JsonObject) Error(string error, string description) =>
        (400, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
