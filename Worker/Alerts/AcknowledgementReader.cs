using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Reads the replies to alert posts whose findings are still open, in one SOQL query on FeedComment per run (300
/// posts per query), and applies them: a person the post mentions who replies "ok", "ciente" or "visto" (the reply
/// opening with one of Alerts:AcknowledgeWords) acknowledges the alerts of the post that mention them, and their
/// reminders stop; "adiar 2h" (Alerts:SnoozeWord, then minutes, hours or days) snoozes those alerts' reminders until that
/// long after the reply. The breach itself stays in the ledger and still clears or escalates on its own. A reply
/// answers only for the alerts that call its author; replies by anyone the post did not mention are ignored (an alert
/// that mentions a Chatter group counts any reply: the group's members are not synced).
/// </summary>
public sealed partial class AcknowledgementReader(SalesforceClient client, IAlertStore alerts, IStateStore store, IOptions<AlertsOptions> options,
    IOptions<Sync.SyncOptions> sync, TimeProvider time, ILogger<AcknowledgementReader> logger)
{
    public const string WatermarkObject = "FeedComment";

    private const int PostsPerQuery = 300;

    /// <summary>Whether replies are read (Alerts:ReadReplies): when they are not, nothing waits for them.</summary>
    public bool Reads => options.Value.ReadReplies;

    public async Task<(int Acknowledged, int Snoozed)> RunAsync(CancellationToken cancellationToken)
    {
        if (!Reads)
        {
            return (0, 0);
        }

        var posts = (await alerts.OpenPostsAsync(cancellationToken)).GroupBy(p => SalesforceId.To18(p.FeedElementId), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        if (posts.Count == 0)
        {
            return (0, 0);
        }

        var now = time.GetUtcNow();
        var watermark = await store.GetWatermarkAsync(WatermarkObject, cancellationToken);
        var since = (watermark ?? now.AddDays(-7)) - sync.Value.Overlap;
        var acknowledge = AcknowledgeWords(options.Value.AcknowledgeWords);
        var snooze = SnoozePattern(options.Value.SnoozeWord);
        int acknowledged = 0, snoozed = 0;
        DateTimeOffset? latest = watermark;
        foreach (var chunk in posts.Keys.Order(StringComparer.Ordinal).Chunk(PostsPerQuery))
        {
            var soql = Soql.Create($"SELECT Id, FeedItemId, CommentBody, IsRichText, CreatedById, CreatedDate FROM FeedComment WHERE FeedItemId IN {chunk} AND CreatedDate > {since} ORDER BY CreatedDate, Id");
            await foreach (var comment in client.QueryAsync(soql, cancellationToken: cancellationToken))
            {
                var at = comment.GetDateTime("CreatedDate");
                latest = at is { } a && (latest is null || a > latest) ? a : latest;
                if (comment.GetString("FeedItemId") is not { } post || !posts.TryGetValue(SalesforceId.To18(post), out var all) ||
                    comment.GetString("CreatedById") is not { } author || at is null)
                {
                    continue;
                }

                // A reply answers for the alerts that call its author, not for the others the post carries about other people.
                var carried = all.Where(a => Mentions(a.Mentions, author)).ToList();
                if (carried.Count == 0)
                {
                    continue;
                }

                var body = comment.GetString("CommentBody");
                var text = TextKey.Of(comment.GetBoolean("IsRichText") == true ? PlainText(body) : body);
                if (snooze.Match(text) is { Success: true } m && SnoozeLength(m) is { } length)
                {
                    foreach (var alert in carried)
                    {
                        await alerts.SnoozeAsync(alert.BreachKey, at.Value + length, cancellationToken);
                    }

                    Snoozed(logger, post, author, at.Value + length);
                    snoozed++;
                }
                else if (acknowledge.IsMatch(text))
                {
                    foreach (var alert in carried)
                    {
                        await alerts.AcknowledgeAsync(alert.BreachKey, author, at.Value, cancellationToken);
                    }

                    Acknowledged(logger, post, author);
                    acknowledged++;
                }
            }
        }

        if (latest is { } l && l != watermark)
        {
            await store.SetWatermarkAsync(WatermarkObject, l, cancellationToken);
        }

        return (acknowledged, snoozed);
    }

    /// <summary>Whether an alert calls the author: it mentions them, or a Chatter group (whose members are not synced: anyone may be one).</summary>
    private static bool Mentions(IReadOnlyList<string> mentions, string author) =>
        mentions.Any(m => SalesforceId.AreEqual(m, author) || SalesforceId.HasPrefix(m, SalesforceId.CollaborationGroupPrefix));

    /// <summary>
    /// A rich-text reply as it reads: a comment written in Lightning is stored as HTML ("&lt;p&gt;Ok&lt;/p&gt;"), its tags
    /// taken as blanks and its entities ("&amp;nbsp;", "&amp;eacute;") decoded.
    /// </summary>
    internal static string? PlainText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(Tag().Replace(html, " "));

    [GeneratedRegex("<[^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    /// <summary>A reply that opens with one of the words ("ok", "Ciente!", "visto, obrigado"); not "não está ok".</summary>
    private static Regex AcknowledgeWords(string words)
    {
        var alternatives = words.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => Regex.Escape(TextKey.Of(w)));
        return new Regex(@"^\W*(?:" + string.Join('|', alternatives) + @")\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static Regex SnoozePattern(string word) =>
        new(@"\b" + Regex.Escape(TextKey.Of(word)) + @"\s+(?<n>\d{1,3})\s*(?<unit>minutos|minuto|min|m|horas|hora|h|dias|dia|d)\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static TimeSpan? SnoozeLength(Match m)
    {
        var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var length = m.Groups["unit"].Value[0] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return n > 0 && length <= TimeSpan.FromDays(30) ? length : null;
    }

    [LoggerMessage(3010, LogLevel.Information, "Alert post {FeedElementId} acknowledged by {UserId}: its reminders stop")]
    private static partial void Acknowledged(ILogger logger, string feedElementId, string userId);

    [LoggerMessage(3011, LogLevel.Information, "Alert post {FeedElementId} snoozed by {UserId} until {Until}")]
    private static partial void Snoozed(ILogger logger, string feedElementId, string userId, DateTimeOffset until);
}
