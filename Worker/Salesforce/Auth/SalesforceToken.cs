namespace SfBridge.Salesforce;

/// <summary>An access token and the instance it is valid for. <see cref="ToString"/> never shows the token.</summary>
public sealed class SalesforceToken
{
    public SalesforceToken(string accessToken, Uri instanceUrl, DateTimeOffset obtainedAt, DateTimeOffset renewAt)
    {
        AccessToken = accessToken;
        InstanceUrl = instanceUrl;
        ObtainedAt = obtainedAt;
        RenewAt = renewAt;
    }

    public string AccessToken { get; }

    public Uri InstanceUrl { get; }

    public DateTimeOffset ObtainedAt { get; }

    /// <summary>When the cache stops handing this token out (Salesforce does not say when a session ends).</summary>
    public DateTimeOffset RenewAt { get; }

    /// <summary>The user the session acts as (from the identity URL), when the token response named it.</summary>
    public string? UserId { get; init; }

    public override string ToString() => $"Salesforce session for {InstanceUrl} obtained {ObtainedAt:O} (token redacted)";
}
