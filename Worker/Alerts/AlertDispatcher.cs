using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>What a dispatch run did.</summary>
public sealed record DispatchReport(int Posted, int Failed, int Unknown, int Adopted, int Held)
{
    /// <summary>Chatter posts made (one per case, each carrying one or more alerts).</summary>
    public int Posts { get; init; }

    /// <summary>Alerts waiting off-shift for their team's next working period.</summary>
    public int OffShift { get; init; }

    /// <summary>Held alerts whose finding cleared before they could go out: withdrawn, never posted.</summary>
    public int Withdrawn { get; init; }
}

/// <summary>
/// Posts due alerts to the case feeds, exactly once, one post per case per run: the alerts of a case go out together,
/// most severe first, each keeping its reference so a post whose confirmation was lost is found and adopted alert by
/// alert. Each alert is marked "sending" before its post and "sent" only after Salesforce confirms it. An alert found
/// in "sending" at the next run (crash, timeout, 5xx, lost response) is looked up in its case feed by its reference
/// first and adopted if the post exists. Several posts go out in one batch call. Caps per run (posts) and per case
/// (alerts in one post) keep a bad mapping from flooding Chatter, and never hold a critical or breach alert behind a
/// warning: what they hold is the least severe, latest due. An alert held off-shift waits for its team's working
/// period; one whose finding cleared meanwhile is withdrawn.
/// </summary>
public sealed partial class AlertDispatcher(SalesforceClient client, IAlertStore store, IOptions<AlertsOptions> options, PolicyProvider policy, TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    public async Task<DispatchReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var due = await store.DueAsync(o.MaxAttempts, cancellationToken);
        var adopted = await AdoptAlreadyPostedAsync(due.Where(a => a.State == AlertState.Sending).ToList(), cancellationToken);
        var candidates = due.Where(a => !adopted.Contains(a.Reference)).ToList();

        var withdrawn = candidates.Where(a => !a.FindingOpen).ToList(); // not found in the feed either: it was never posted
        await store.MarkWithdrawnAsync(withdrawn.Select(a => a.Reference).ToList(), cancellationToken);
        var offShift = candidates.Count(a => a.FindingOpen && a.NotBefore > now);
        var ready = candidates.Where(a => a.FindingOpen && !(a.NotBefore > now)).ToList();

        var posts = ready.GroupBy(a => a.CaseId, StringComparer.OrdinalIgnoreCase)
            .Select(g => Choose(g, o.MaxPostsPerCase))
            .OrderByDescending(p => p[0].Severity).ThenBy(p => p[0].DueAt ?? DateTimeOffset.MaxValue).ThenBy(p => p[0].CreatedAt)
            .Take(o.MaxPostsPerCycle).ToList();
        var toPost = posts.SelectMany(p => p).ToList();
        var held = ready.Count - toPost.Count;
        if (held > 0)
        {
            AlertsLog.HeldBack(logger, held, ready.Select(a => a.CaseId).Distinct(StringComparer.OrdinalIgnoreCase).Count() - posts.Count, o.MaxPostsPerCycle, o.MaxPostsPerCase);
        }

        if (posts.Count == 0)
        {
            return new DispatchReport(0, 0, 0, adopted.Count, held) { OffShift = offShift, Withdrawn = withdrawn.Count };
        }

        await store.MarkSendingAsync(toPost.Select(a => a.Reference).ToList(), now, cancellationToken);
        var (posted, failed, unknown) = posts.Count == 1 ? await PostOneAsync(posts[0], cancellationToken) : await PostBatchAsync(posts, cancellationToken);
        AlertsLog.Dispatched(logger, posted, failed, unknown, adopted.Count);
        return new DispatchReport(posted, failed, unknown, adopted.Count, held) { Posts = posts.Count, OffShift = offShift, Withdrawn = withdrawn.Count };
    }

    /// <summary>
    /// The alerts of one case that go out in this run, most severe and earliest due first: every critical and breach
    /// alert, then others up to the per-case cap.
    /// </summary>
    private static List<Alert> Choose(IEnumerable<Alert> alerts, int perCase)
    {
        var ordered = alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.DueAt ?? DateTimeOffset.MaxValue).ThenBy(a => a.CreatedAt).ThenBy(a => a.Reference, StringComparer.Ordinal).ToList();
        var urgent = ordered.Where(a => a.Severity >= Severity.Breach).ToList();
        return urgent.Concat(ordered.Where(a => a.Severity < Severity.Breach).Take(Math.Max(0, perCase - urgent.Count))).ToList();
    }

    /// <summary>
    /// One case's alerts as one post: mentions first (most severe alert's first), then the message, then the
    /// references. A single alert is its own message; several are an opening line (templates, purpose digest) and one
    /// line each with its reference, so each alert stays findable in the feed.
    /// </summary>
    internal ChatterPost ToPost(IReadOnlyList<Alert> alerts)
    {
        var first = alerts[0];
        var post = ChatterPost.For(first.CaseId);
        var targets = new List<MentionTarget>();
        foreach (var id in alerts.SelectMany(a => a.Mentions).Distinct(StringComparer.Ordinal).Take(ChatterPost.MaxMentions))
        {
            if (MentionTarget.TryCreate(id, out var target))
            {
                targets.Add(target);
            }
            else
            {
                AlertsLog.MentionDropped(logger, id, first.Reference);
            }
        }

        post.Mentions(targets);
        var room = ChatterPost.MaxBodyLength - (targets.Count * ChatterPost.MentionReserve) - 2;
        var lead = targets.Count > 0 ? " " : "";
        if (alerts.Count == 1)
        {
            var tail = $" [{first.Reference}]";
            return post.Text(lead + Clip(Greeted(first), room - tail.Length)).Text(tail);
        }

        var (_, opening) = MessageComposer.Compose(new MessageFields(first.CaseNumber ?? "", first.Subject, "", null, "", first.RuleId, Rules.FindingKind.SlaBreach, first.BreachKey)
        {
            Count = alerts.Count,
        }, policy.Current, time.GetUtcNow(), null, TemplatePurpose.Digest);
        var text = new System.Text.StringBuilder(lead).Append(Clip(opening, room / 4));
        var perLine = (room - text.Length) / alerts.Count;
        foreach (var a in alerts)
        {
            var tail = $" [{a.Reference}]";
            text.Append("\n• ").Append(Clip(a.Line ?? a.Message, perLine - tail.Length - 3)).Append(tail);
        }

        return post.Text(text.ToString());
    }

    /// <summary>An alert held off-shift greets by the hour it is posted, not the hour it was judged.</summary>
    private string Greeted(Alert alert)
    {
        if (alert.NotBefore is null)
        {
            return alert.Message;
        }

        var greeting = MessageComposer.Greeting(time.GetUtcNow(), policy.Current.Settings.TimeZone);
        return Greetings().Replace(alert.Message, greeting, 1);
    }

    [System.Text.RegularExpressions.GeneratedRegex("Bom dia|Boa tarde|Boa noite")]
    private static partial System.Text.RegularExpressions.Regex Greetings();

    private static string Clip(string text, int room) => text.Length <= room ? text : text[..Math.Max(0, room - 1)] + "…";

    private async Task<(int Posted, int Failed, int Unknown)> PostOneAsync(List<Alert> alerts, CancellationToken cancellationToken)
    {
        try
        {
            var element = await client.PostFeedElementAsync(ToPost(alerts), cancellationToken);
            foreach (var alert in alerts)
            {
                await store.MarkSentAsync(alert.Reference, element.Id, time.GetUtcNow(), cancellationToken);
            }

            return (alerts.Count, 0, 0);
        }
        catch (SalesforceApiException ex) when (IsRefusal(ex))
        {
            foreach (var alert in alerts)
            {
                AlertsLog.Refused(logger, alert.Reference, alert.CaseId, ex.ErrorCode);
                await store.MarkFailedAsync(alert.Reference, ex.ErrorCode, cancellationToken);
            }

            return (0, alerts.Count, 0);
        }
        catch (SalesforceApiException ex)
        {
            AlertsLog.OutcomeUnknown(logger, alerts.Count, ex.ErrorCode); // stays "sending": the feed decides next run
            return (0, 0, alerts.Count);
        }
    }

    private async Task<(int Posted, int Failed, int Unknown)> PostBatchAsync(List<List<Alert>> posts, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatterBatchItem> results;
        try
        {
            results = await client.PostFeedElementsAsync(posts.Select(ToPost).ToList(), cancellationToken);
        }
        catch (SalesforceApiException ex) when (!IsRefusal(ex))
        {
            AlertsLog.OutcomeUnknown(logger, posts.Sum(p => p.Count), ex.ErrorCode);
            return (0, 0, posts.Sum(p => p.Count));
        }

        int posted = 0, failed = 0;
        for (var i = 0; i < posts.Count; i++)
        {
            foreach (var alert in posts[i])
            {
                if (results[i].Success)
                {
                    await store.MarkSentAsync(alert.Reference, results[i].FeedElement!.Id, time.GetUtcNow(), cancellationToken);
                    posted++;
                }
                else
                {
                    var code = results[i].Errors.Count > 0 ? results[i].Errors[0].Code : "HTTP_" + results[i].StatusCode;
                    AlertsLog.Refused(logger, alert.Reference, alert.CaseId, code);
                    await store.MarkFailedAsync(alert.Reference, code, cancellationToken);
                    failed++;
                }
            }
        }

        return (posted, failed, 0);
    }

    /// <summary>Reads the feeds of cases with unconfirmed posts (newest first) and adopts posts carrying their references.</summary>
    private async Task<HashSet<string>> AdoptAlreadyPostedAsync(List<Alert> unconfirmed, CancellationToken cancellationToken)
    {
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in unconfirmed.GroupBy(a => a.CaseId))
        {
            var waiting = group.ToDictionary(a => a.Reference, StringComparer.Ordinal);
            var oldest = group.Min(a => a.SendingSince ?? a.CreatedAt).AddMinutes(-5);
            var read = 0;
            await foreach (var element in client.GetRecordFeedAsync(group.Key, pageSize: 25, cancellationToken))
            {
                foreach (var reference in waiting.Keys.Where(r => element.Body?.Text?.Contains(r, StringComparison.Ordinal) == true).ToList())
                {
                    await store.MarkSentAsync(reference, element.Id, time.GetUtcNow(), cancellationToken);
                    AlertsLog.Adopted(logger, reference, element.Id);
                    adopted.Add(reference);
                    waiting.Remove(reference);
                }

                if (waiting.Count == 0 || ++read >= options.Value.FeedLookback || element.CreatedDate < oldest)
                {
                    break;
                }
            }
        }

        return adopted;
    }

    /// <summary>Salesforce answered and refused (validation, access): the post was not made. 5xx and timeouts leave the outcome open.</summary>
    private static bool IsRefusal(SalesforceApiException ex) =>
        ex.Status is { } s && (int)s is >= 400 and < 500 && s != HttpStatusCode.RequestTimeout && s != HttpStatusCode.TooManyRequests;
}
