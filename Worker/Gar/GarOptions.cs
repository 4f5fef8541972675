namespace SfBridge.Gar;

/// <summary>The certificate-order system. JSON shape: <code>"Gar": { "BaseUrl": "https://gar.example.com/api" }</code></summary>
public sealed class GarOptions
{
    public const string SectionName = "Gar";

    /// <summary>Base URL of the GAR order API (https; plain http only for loopback). Empty disables the GAR audit.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Retries, timeouts and circuit breaker for GAR calls (same keys as Salesforce:Resilience).</summary>
    public Salesforce.SalesforceResilienceOptions Resilience { get; set; } = new() { AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(45) };
}
