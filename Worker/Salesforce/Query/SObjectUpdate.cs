using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>Fields to set on one record. Type and field names must be API names; the id must be a Salesforce id.</summary>
public sealed record SObjectUpdate
{
    public SObjectUpdate(string type, string id, IReadOnlyDictionary<string, object?> fields)
    {
        Type = SoqlIdentifier.Parse(type).Name;
        Id = SalesforceId.Require(id, type + " id");
        foreach (var field in fields.Keys)
        {
            SoqlIdentifier.Parse(field);
        }

        Fields = fields;
    }

    public string Type { get; }

    public string Id { get; }

    public IReadOnlyDictionary<string, object?> Fields { get; }
}

/// <summary>SaveResult of an sObject Collections call.</summary>
internal sealed record SaveResult
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("errors")]
    public List<SalesforceError>? Errors { get; init; }
}

/// <summary>What happened to one record of a collection update.</summary>
public sealed record RecordSaveResult(SObjectUpdate Record, bool Success, IReadOnlyList<SalesforceError> Errors)
{
    /// <summary>True when every error is one a later attempt can cure (lock contention).</summary>
    public bool IsRetryable => !Success && Errors.Count > 0 && Errors.All(e => SalesforceErrorClassifier.IsTransient(System.Net.HttpStatusCode.BadRequest, e.Code));
}
