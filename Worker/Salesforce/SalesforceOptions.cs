namespace SfBridge.Salesforce;

/// <summary>
/// Connection to the Salesforce org. JSON shape:
/// <code>
/// "Salesforce": {
///   "LoginUrl": "https://login.salesforce.com",
///   "ClientId": "3MVG9...", "ClientSecret": "...",            // client-credentials flow
///   "Username": "integration@example.com", "PrivateKeyPath": "/run/secrets/sfbridge.key", // JWT bearer flow
///   "ApiVersion": "62.0", "QueryBatchSize": 2000, "ApiCallFloor": 5000,
///   "CheckOrgAtStart": true, "OrgCheckTimeout": "00:00:30",
///   "Resilience": { "MaxRetries": 3, "AttemptTimeout": "00:00:30" }
/// }
/// </code>
/// </summary>
public sealed class SalesforceOptions
{
    public const string SectionName = "Salesforce";

    /// <summary>Authorisation server: https://login.salesforce.com, https://test.salesforce.com or the org's My Domain
    /// (the client-credentials flow requires My Domain). Plain http is accepted only for loopback addresses.</summary>
    public string? LoginUrl { get; set; }

    /// <summary>Connected app consumer key. Required for both flows.</summary>
    public string? ClientId { get; set; }

    /// <summary>Connected app consumer secret; selects the client-credentials flow. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Username of the pre-authorised integration user; with <see cref="PrivateKeyPath"/> selects the JWT bearer flow.</summary>
    public string? Username { get; set; }

    /// <summary>PEM file (PKCS#1 or PKCS#8) holding the RSA key whose certificate is uploaded to the connected app. Never logged.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>JWT <c>aud</c> claim. Default: the login URL, or https://login.salesforce.com when the login URL is a My Domain host.</summary>
    public string? JwtAudience { get; set; }

    /// <summary>REST API version, e.g. "62.0". Default 62.0.</summary>
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>Records per query page requested through Sforce-Query-Options (200..2000; Salesforce may send fewer). Default 2000.</summary>
    public int QueryBatchSize { get; set; } = 2000;

    /// <summary>When the org's remaining daily API calls fall under this number SfBridge pauses its own calls. Default 5000; 0 disables.</summary>
    public int ApiCallFloor { get; set; } = 5000;

    /// <summary>How long calls stay paused once the floor is hit before one call probes the usage again. Default 15 minutes.</summary>
    public TimeSpan ApiFloorPause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Salesforce token responses carry no expiry; a cached token is renewed after this age (an expired session
    /// is still detected by 401 INVALID_SESSION_ID). Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>run</c> checks the mappings against the org before its first job (the same check as <c>validate-mappings --org</c>):
    /// it refuses to start when every sync would fail (a field the case query selects does not exist for the integration
    /// user) and logs a warning for anything else. Default true; false skips it.
    /// </summary>
    public bool CheckOrgAtStart { get; set; } = true;

    /// <summary>How long that check may take before the worker starts without it (and <c>validate-mappings --org</c> gives up). Default 30 seconds.</summary>
    public TimeSpan OrgCheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry, timeout and circuit-breaker settings for every Salesforce call.</summary>
    public SalesforceResilienceOptions Resilience { get; set; } = new();

    internal AuthFlow Flow =>
        !string.IsNullOrWhiteSpace(Username) || !string.IsNullOrWhiteSpace(PrivateKeyPath) ? AuthFlow.JwtBearer
        : AuthFlow.ClientCredentials;

    internal Uri LoginUri => new(LoginUrl!.TrimEnd('/') + "/");

    internal string DataPath(string relative) => $"/services/data/v{ApiVersion}/{relative.TrimStart('/')}";
}

/// <summary>The OAuth 2.0 flow SfBridge uses to obtain a session.</summary>
public enum AuthFlow
{
    /// <summary>urn:ietf:params:oauth:grant-type:jwt-bearer, signed with the connected app's key (recommended unattended mode).</summary>
    JwtBearer,

    /// <summary>client_credentials, running as the connected app's "Run As" user.</summary>
    ClientCredentials,
}
