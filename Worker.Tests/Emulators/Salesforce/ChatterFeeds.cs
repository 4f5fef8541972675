using System.Text.Json.Nodes;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>Feed items per record, rendered as Connect Feed Items (mentions resolved to users and Chatter groups).</summary>
internal sealed partial class ChatterFeeds(OrgStore store, EmulatorOptions options, FaultInjector faults, string actorId)
{
    public const int MaxMentions = 25;
    public const int MaxBodyLength = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _feeds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ITimer> _late = [];

    /// <summary>Creates a feed item from a Feed Item Input; returns (201, item) or (status, error array).</summary>
    public (int Status, JsonNode Body) Post(JsonObject? input)
    {
        if (input?["feedElementType"]?.GetValue<string>() is not "FeedItem")
        {
            return Error(400, "INVALID_API_INPUT", "feedElementType must be FeedItem");
        }

        var subjectId = input["subjectId"]?.GetValue<string>();
        var subject = subjectId is null ? null : store.Find(subjectId);
        if (subject is null)
        {
            return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (faults.FeedFailure(subjectId!) is { } failure)
        {
            return Error(400, failure.Code, failure.Message);
        }

        if (input["body"]?["messageSegments"] is not JsonArray segments || segments.Count == 0)
        {
            return Error(400, "INVALID_API_INPUT", "body.messageSegments is required");
        }

        var rendered = new JsonArray();
        var text = new System.Text.StringBuilder();
        var mentions = 0;
        foreach (var segment in segments.OfType<JsonObject>())
        {
            switch (segment["type"]?.GetValue<string>())
            {
                case "Text":
                    var t = segment["text"]?.GetValue<string>() ?? "";
                    text.Append(t);
                    foreach (var part in Parse(t))
                    {
                        rendered.Add(part);
                    }

                    break;
                case "Mention":
                    if (++mentions > MaxMentions)
                    {
                        return Error(400, "INVALID_API_INPUT", "You can't mention more than 25 people or groups in a single post.");
                    }

                    var mention = RenderMention(segment["id"]?.GetValue<string>());
                    if (mention is null)
                    {
                        return Error(400, "INVALID_ID_FIELD", "Only users and Chatter groups can be mentioned.");
                    }

                    text.Append(mention["text"]!.GetValue<string>());
                    rendered.Add(mention);
                    break;
                default:
                    return Error(400, "INVALID_API_INPUT", "Unsupported message segment type");
            }
        }

        if (text.Length > MaxBodyLength)
        {
            return Error(400, "INVALID_API_INPUT", $"The post exceeds the maximum length of {MaxBodyLength} characters.");
        }

        var id = store.NewId("FeedItem");
        var item = new JsonObject
        {
            ["id"] = id,
            ["feedElementType"] = "FeedItem",
            ["type"] = "TextPost",
            ["createdDate"] = options.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = $"/services/data/v{options.ApiVersion}/chatter/feed-elements/{id}",
            ["visibility"] = "InternalUsers",
            ["parent"] = new JsonObject { ["id"] = subjectId, ["type"] = subject["attributes"]?["type"]?.DeepClone() },
            ["actor"] = new JsonObject { ["id"] = actorId, ["type"] = "User" },
            ["body"] = new JsonObject { ["isRichText"] = false, ["messageSegments"] = rendered, ["text"] = text.ToString() },
        };
        if (FaultInjector.CurrentDeferral is { } delay)
        {
            // Completed later: the item appears in the feed (and to SOQL) only when the emulator's clock gets there.
            lock (_gate)
            {
                _late.Add(options.Time.CreateTimer(_ => Publish(subjectId!, item, actorId), null, delay, Timeout.InfiniteTimeSpan));
            }
        }
        else
        {
            Publish(subjectId!, item, actorId);
        }

        return (201, item.DeepClone());
    }

    /// <summary>
    /// A Text segment as Chatter stores it: links ("http://…", "https://…", "www.…") and hashtags ("#word", "#[some words]")
    /// are parsed out of the text into Link and Hashtag segments, the rest stays Text.
    /// </summary>
    private static IEnumerable<JsonObject> Parse(string text)
    {
        var at = 0;
        foreach (System.Text.RegularExpressions.Match m in LinkOrTag().Matches(text))
        {
            if (m.Index > at)
            {
                yield return new JsonObject { ["type"] = "Text", ["text"] = text[at..m.Index] };
            }

            yield return m.Value[0] == '#'
                ? new JsonObject { ["type"] = "Hashtag", ["text"] = m.Value, ["tag"] = m.Value.TrimStart('#').Trim('[', ']') }
                : new JsonObject { ["type"] = "Link", ["text"] = m.Value, ["url"] = m.Value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + m.Value : m.Value };
            at = m.Index + m.Length;
        }

        if (at < text.Length || text.Length == 0)
        {
            yield return new JsonObject { ["type"] = "Text", ["text"] = text[at..] };
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)\b(?:https?|ftp)://[^\s<>""]+|(?<![\w.-])www\.[^\s<>""]+|#\[[^\]]+\]|#\w+")]
    private static partial System.Text.RegularExpressions.Regex LinkOrTag();

    public string PostAs(string userId, string recordId, string text)
    {
        var id = store.NewId("FeedItem");
        Publish(recordId, new JsonObject
        {
            ["id"] = id, ["feedElementType"] = "FeedItem", ["type"] = "TextPost",
            ["createdDate"] = options.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["parent"] = new JsonObject { ["id"] = recordId }, ["actor"] = new JsonObject { ["id"] = userId, ["type"] = "User" },
            ["body"] = new JsonObject { ["isRichText"] = false, ["messageSegments"] = new JsonArray(new JsonObject { ["type"] = "Text", ["text"] = text }), ["text"] = text },
        }, userId);
        return id;
    }

    /// <summary>Adds the item to its record's feed, and to the org as a FeedItem record that SOQL can read.</summary>
    private void Publish(string subjectId, JsonObject item, string actor)
    {
        lock (_gate)
        {
            if (!_feeds.TryGetValue(SalesforceId.To18(subjectId), out var feed))
            {
                _feeds[SalesforceId.To18(subjectId)] = feed = [];
            }

            feed.Add(item);
        }

        store.Insert("FeedItem", new JsonObject
        {
            ["Id"] = item["id"]!.GetValue<string>(), ["ParentId"] = SalesforceId.To18(subjectId), ["Body"] = item["body"]!["text"]!.GetValue<string>(),
            ["Type"] = "TextPost", ["IsRichText"] = false, ["CreatedById"] = actor, ["InsertedById"] = actor, ["Visibility"] = "InternalUsers",
            ["CreatedDate"] = SalesforceDateTime.FormatRest(options.Time.GetUtcNow()),
        });
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<JsonObject> Feed(string recordId)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(SalesforceId.To18(recordId), out var feed)
                ? feed.AsEnumerable().Reverse().Select(i => (JsonObject)i.DeepClone()).ToList()
                : [];
        }
    }

    private JsonObject? RenderMention(string? id)
    {
        if (!SalesforceId.HasPrefix(id, SalesforceId.UserPrefix) && !SalesforceId.HasPrefix(id, SalesforceId.CollaborationGroupPrefix))
        {
            return null;
        }

        var record = store.Find(id!);
        if (record is null)
        {
            return null;
        }

        var name = record["Name"]?.GetValue<string>() ?? id!;
        var type = record["attributes"]!["type"]!.GetValue<string>();
        var active = record["IsActive"]?.GetValue<bool>() != false;
        return new JsonObject
        {
            ["type"] = "Mention",
            ["text"] = "@" + name,
            ["name"] = name,
            ["accessible"] = active,
            ["record"] = new JsonObject { ["id"] = record["Id"]!.DeepClone(), ["name"] = name, ["type"] = type },
        };
    }

    private static (int, JsonNode) Error(int status, string code, string message) =>
        (status, new JsonArray(new JsonObject { ["errorCode"] = code, ["message"] = message }));
}
