using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>What a dispatch run did.</summary>
public sealed record DispatchReport(int Posted, int Failed, int Unknown, int Adopted, int Held);

/// <summary>
/// Posts due alerts to the case feeds, exactly once. Each alert is marked "sending" before its post and "sent"
/// only after Salesforce confirms it. An alert found in "sending" at the next run (crash, timeout, 5xx, lost
/// response) is looked up in its case feed by its reference first and adopted if the post exists. Several due
/// alerts go out in one batch call. Caps per run and per case keep a bad mapping from flooding Chatter.
/// </summary>
public sealed class AlertDispatcher(SalesforceClient client, IAlertStore store, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertDispatcher> logger)
{
    public async Task<DispatchReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var due = await store.DueAsync(o.MaxAttempts, cancellationToken);
        var adopted = await AdoptAlreadyPostedAsync(due.Where(a => a.State == AlertState.Sending).ToList(), cancellationToken);
        var candidates = due.Where(a => !adopted.Contains(a.Reference)).ToList();

        var toPost = new List<Alert>();
        foreach (var alert in candidates)
        {
            if (toPost.Count < o.MaxPostsPerCycle && toPost.Count(a => a.CaseId == alert.CaseId) < o.MaxPostsPerCase)
            {
                toPost.Add(alert);
            }
        }

        var held = candidates.Count - toPost.Count;
        if (held > 0)
        {
            AlertsLog.HeldBack(logger, held, candidates.Except(toPost).Select(a => a.CaseId).Distinct().Count(), o.MaxPostsPerCycle, o.MaxPostsPerCase);
        }

        if (toPost.Count == 0)
        {
            return new DispatchReport(0, 0, 0, adopted.Count, held);
        }

        await store.MarkSendingAsync(toPost.Select(a => a.Reference).ToList(), time.GetUtcNow(), cancellationToken);
        var (posted, failed, unknown) = toPost.Count == 1 ? await PostOneAsync(toPost[0], cancellationToken) : await PostBatchAsync(toPost, cancellationToken);
        AlertsLog.Dispatched(logger, posted, failed, unknown, adopted.Count);
        return new DispatchReport(posted, failed, unknown, adopted.Count, held);
    }

    /// <summary>The alert as a post: mentions first, then the message, then the reference that identifies it.</summary>
    internal ChatterPost ToPost(Alert alert)
    {
        var post = ChatterPost.For(alert.CaseId);
        var targets = new List<MentionTarget>();
        foreach (var id in alert.Mentions.Distinct(StringComparer.Ordinal).Take(ChatterPost.MaxMentions))
        {
            if (MentionTarget.TryCreate(id, out var target))
            {
                targets.Add(target);
            }
            else
            {
                AlertsLog.MentionDropped(logger, id, alert.Reference);
            }
        }

        post.Mentions(targets);
        var tail = $" [{alert.Reference}]";
        var room = ChatterPost.MaxBodyLength - (targets.Count * ChatterPost.MentionReserve) - tail.Length - 2;
        var message = alert.Message.Length <= room ? alert.Message : alert.Message[..(room - 1)] + "…";
        return post.Text((targets.Count > 0 ? " " : "") + message).Text(tail);
    }

    private async Task<(int Posted, int Failed, int Unknown)> PostOneAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            var element = await client.PostFeedElementAsync(ToPost(alert), cancellationToken);
            await store.MarkSentAsync(alert.Reference, element.Id, time.GetUtcNow(), cancellationToken);
            return (1, 0, 0);
        }
        catch (SalesforceApiException ex) when (IsRefusal(ex))
        {
            AlertsLog.Refused(logger, alert.Reference, alert.CaseId, ex.ErrorCode);
            await store.MarkFailedAsync(alert.Reference, ex.ErrorCode, cancellationToken);
            return (0, 1, 0);
        }
        catch (SalesforceApiException ex)
        {
            AlertsLog.OutcomeUnknown(logger, 1, ex.ErrorCode); // stays "sending": the feed decides next run
            return (0, 0, 1);
        }
    }

    private async Task<(int Posted, int Failed, int Unknown)> PostBatchAsync(List<Alert> alerts, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatterBatchItem> results;
        try
        {
            results = await client.PostFeedElementsAsync(alerts.Select(ToPost).ToList(), cancellationToken);
        }
        catch (SalesforceApiException ex) when (!IsRefusal(ex))
        {
            AlertsLog.OutcomeUnknown(logger, alerts.Count, ex.ErrorCode);
            return (0, 0, alerts.Count);
        }

        int posted = 0, failed = 0;
        for (var i = 0; i < alerts.Count; i++)
        {
            if (results[i].Success)
            {
                await store.MarkSentAsync(alerts[i].Reference, results[i].FeedElement!.Id, time.GetUtcNow(), cancellationToken);
                posted++;
            }
            else
            {
                var code = results[i].Errors.Count > 0 ? results[i].Errors[0].Code : "HTTP_" + results[i].StatusCode;
                AlertsLog.Refused(logger, alerts[i].Reference, alerts[i].CaseId, code);
                await store.MarkFailedAsync(alerts[i].Reference, code, cancellationToken);
                failed++;
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
