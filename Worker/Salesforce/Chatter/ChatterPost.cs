using System.Text;

namespace SfBridge.Salesforce;

/// <summary>
/// A feed item for a record, built from plain Text segments and typed mentions. Text is cleaned (<see cref="ChatterText.Clean"/>:
/// no control, bidi or other invisible format characters, no broken surrogate pairs) and cut between text elements so
/// the whole body stays within Chatter's limit; at most 25 mentions. A "#" is written as the full-width "＃": Chatter turns
/// "#word" and "#[words]" in a Text segment into topics, so a case subject could otherwise tag SfBridge's own post (and an
/// unclosed "#[" would run into the alert's reference tag).
/// </summary>
public sealed class ChatterPost
{
    /// <summary>FeedItem body limit in characters.</summary>
    public const int MaxBodyLength = 10_000;

    /// <summary>Chatter refuses more mentions than this in one post.</summary>
    public const int MaxMentions = 25;

    /// <summary>Room kept per mention for the "@Display Name" Salesforce renders in the body.</summary>
    internal const int MentionReserve = 82;

    private readonly List<MessageSegmentInput> _segments = [];

    private ChatterPost(string subjectId) => SubjectId = subjectId;

    public string SubjectId { get; }

    public IReadOnlyList<MessageSegmentInput> Segments => _segments;

    public int MentionCount => _segments.Count(s => s.Type == MessageSegmentInput.MentionType);

    public static ChatterPost For(string recordId) => new(SalesforceId.Require(recordId, "Feed subject"));

    public ChatterPost Text(string text)
    {
        var clean = ChatterText.Clean(text).Replace('#', '＃');
        var room = MaxBodyLength - TextLength() - (MentionCount * MentionReserve);
        if (room <= 0 || clean.Length == 0)
        {
            return this;
        }

        _segments.Add(MessageSegmentInput.ForText(ChatterText.Clip(clean, room)));
        return this;
    }

    public ChatterPost Mention(MentionTarget target)
    {
        if (target.Id is null)
        {
            throw new ArgumentException("Empty mention target", nameof(target));
        }

        if (MentionCount >= MaxMentions)
        {
            throw new InvalidOperationException($"A Chatter post holds at most {MaxMentions} mentions");
        }

        _segments.Add(MessageSegmentInput.ForMention(target.Id));
        return this;
    }

    /// <summary>Mentions separated by single spaces (Chatter inserts none).</summary>
    public ChatterPost Mentions(IEnumerable<MentionTarget> targets)
    {
        var first = true;
        foreach (var target in targets)
        {
            if (!first)
            {
                Text(" ");
            }

            Mention(target);
            first = false;
        }

        return this;
    }

    internal FeedItemInput ToInput() => new()
    {
        SubjectId = SubjectId,
        Body = new MessageBodyInput { MessageSegments = _segments },
    };

    /// <summary>The body as it reads before Salesforce renders mention names (for length checks and logs).</summary>
    public string PlainText()
    {
        var sb = new StringBuilder();
        foreach (var s in _segments)
        {
            sb.Append(s.Type == MessageSegmentInput.MentionType ? "@" + s.Id : s.Text);
        }

        return sb.ToString();
    }

    private int TextLength() => _segments.Where(s => s.Text is not null).Sum(s => s.Text!.Length);
}
