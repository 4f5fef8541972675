using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>One element of Salesforce's error array. REST uses <c>errorCode</c>; per-record results use <c>statusCode</c>.</summary>
public sealed record SalesforceError
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("statusCode")]
    public string? StatusCode { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>The code whichever key carried it.</summary>
    [JsonIgnore]
    public string Code => ErrorCode ?? StatusCode ?? "UNKNOWN_ERROR";
}
