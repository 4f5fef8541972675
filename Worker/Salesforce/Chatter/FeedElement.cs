using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>The parts of a Connect Feed Item SfBridge relies on: id, date, parent, body text and segments.</summary>
public sealed record FeedElement
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("createdDate")]
    public DateTimeOffset? CreatedDate { get; init; }

    [JsonPropertyName("parent")]
    public FeedParent? Parent { get; init; }

    [JsonPropertyName("body")]
    public FeedBody? Body { get; init; }
}

public sealed record FeedParent
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}

public sealed record FeedBody
{
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("isRichText")]
    public bool IsRichText { get; init; }

    [JsonPropertyName("messageSegments")]
    public IReadOnlyList<FeedSegment> MessageSegments { get; init; } = [];
}

/// <summary>A rendered segment. Mentions carry <c>record</c> (the user or group) and <c>accessible</c>.</summary>
public sealed record FeedSegment
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("accessible")]
    public bool? Accessible { get; init; }

    [JsonPropertyName("record")]
    public FeedParent? Record { get; init; }
}

/// <summary>Feed Element Page of <c>GET /chatter/feeds/record/{id}/feed-elements</c>.</summary>
internal sealed record FeedElementPage
{
    [JsonPropertyName("elements")]
    public IReadOnlyList<FeedElement> Elements { get; init; } = [];

    [JsonPropertyName("nextPageUrl")]
    public string? NextPageUrl { get; init; }
}

/// <summary>Outcome of one input of a batch post, in request order.</summary>
public sealed record ChatterBatchItem(ChatterPost Post, int StatusCode, FeedElement? FeedElement, IReadOnlyList<SalesforceError> Errors)
{
    public bool Success => FeedElement is not null && StatusCode is >= 200 and < 300;
}
