using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>
/// Body of a successful token request. The JWT flow returns only access_token, scope, instance_url, id, token_type;
/// other flows add issued_at (a string of Unix milliseconds) and signature. No flow returns expires_in.
/// </summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("instance_url")]
    public string? InstanceUrl { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("issued_at")]
    public string? IssuedAt { get; init; }

    public override string ToString() => $"TokenResponse {{ instance_url = {InstanceUrl}, token redacted }}";
}

/// <summary>Body of a refused token request: <c>{"error": "invalid_grant", "error_description": "..."}</c>.</summary>
internal sealed record TokenError
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? Description { get; init; }
}
