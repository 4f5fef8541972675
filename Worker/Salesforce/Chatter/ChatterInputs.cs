using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>Message Segment Input: <c>{"type":"Text","text":…}</c> or <c>{"type":"Mention","id":…}</c>.</summary>
public sealed record MessageSegmentInput
{
    public const string TextType = "Text";
    public const string MentionType = "Mention";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    internal static MessageSegmentInput ForText(string text) => new() { Type = TextType, Text = text };

    internal static MessageSegmentInput ForMention(string id) => new() { Type = MentionType, Id = id };
}

/// <summary>Message Body Input.</summary>
public sealed record MessageBodyInput
{
    [JsonPropertyName("messageSegments")]
    public required IReadOnlyList<MessageSegmentInput> MessageSegments { get; init; }
}

/// <summary>Feed Item Input for <c>POST /chatter/feed-elements</c>.</summary>
public sealed record FeedItemInput
{
    [JsonPropertyName("body")]
    public required MessageBodyInput Body { get; init; }

    [JsonPropertyName("feedElementType")]
    public string FeedElementType { get; init; } = "FeedItem";

    [JsonPropertyName("subjectId")]
    public required string SubjectId { get; init; }
}

/// <summary>Batch Collection Input for <c>POST /chatter/feed-elements/batch</c>.</summary>
internal sealed record BatchCollectionInput(
    [property: JsonPropertyName("inputs")] IReadOnlyList<BatchInput> Inputs);

internal sealed record BatchInput(
    [property: JsonPropertyName("richInput")] FeedItemInput RichInput);
