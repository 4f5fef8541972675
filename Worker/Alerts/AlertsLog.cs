using Microsoft.Extensions.Logging;

namespace SfBridge.Alerts;

public static partial class AlertsLog
{
    [LoggerMessage(3001, LogLevel.Information, "Dispatched {Posted} alerts ({Failed} refused, {Unknown} unconfirmed, {Adopted} found already posted)")]
    public static partial void Dispatched(ILogger logger, int posted, int failed, int unknown, int adopted);

    [LoggerMessage(3002, LogLevel.Warning, "Held back {Held} alerts on {Cases} cases by the caps ({PerCycle} posts a run and per 55 seconds, {PerCase} alerts a post); they stay queued")]
    public static partial void HeldBack(ILogger logger, int held, int cases, int perCycle, int perCase);

    /// <summary>A run after the window's posts are made (a wake-up at a due instant): the window's warning said it.</summary>
    [LoggerMessage(3023, LogLevel.Debug, "Held back {Held} alerts on {Cases} cases: the {PerCycle} posts of the last 55 seconds are made; they stay queued")]
    public static partial void BacklogWaitsThisWindow(ILogger logger, int held, int cases, int perCycle);

    [LoggerMessage(3003, LogLevel.Warning, "Chatter refused alert {Reference} on case {CaseId}: {ErrorCode}")]
    public static partial void Refused(ILogger logger, string reference, string caseId, string errorCode);

    [LoggerMessage(3004, LogLevel.Warning, "Outcome of {Count} alert posts unknown ({ErrorCode}); the case feeds will be checked before any re-post")]
    public static partial void OutcomeUnknown(ILogger logger, int count, string errorCode);

    [LoggerMessage(3005, LogLevel.Information, "Alert {Reference} was already posted as {FeedElementId}; adopted instead of posting again")]
    public static partial void Adopted(ILogger logger, string reference, string feedElementId);

    [LoggerMessage(3006, LogLevel.Information, "Queued {Count} alerts ({Breaches} breaches, {Reminders} reminders, {Resolutions} resolution notes)")]
    public static partial void Queued(ILogger logger, int count, int breaches, int reminders, int resolutions);

    [LoggerMessage(3007, LogLevel.Information, "Marked {Marked} cases critical ({Failed} refused, retried next run)")]
    public static partial void CriticalMarks(ILogger logger, int marked, int failed);

    [LoggerMessage(3008, LogLevel.Warning, "Salesforce refused the critical mark on case {CaseId}: {ErrorCode}")]
    public static partial void CriticalMarkRefused(ILogger logger, string caseId, string errorCode);

    [LoggerMessage(3009, LogLevel.Warning, "Mention {MentionId} on alert {Reference} is not a user or Chatter group and was left out")]
    public static partial void MentionDropped(ILogger logger, string mentionId, string reference);

    [LoggerMessage(3020, LogLevel.Warning, "Salesforce turned away the posts of {Count} alerts for the whole org ({ErrorCode}); they stay pending with no attempt spent")]
    public static partial void Deferred(ILogger logger, int count, string errorCode);

    [LoggerMessage(3021, LogLevel.Information, "New state database: read SfBridge's own posts of the last {Days} days, {References} alert references already in Chatter (user known: {UserKnown})")]
    public static partial void KnownPostsRead(ILogger logger, int references, double days, bool userKnown);

    [LoggerMessage(3022, LogLevel.Warning, "First start: {Count} findings were already there before SfBridge started on this state database (overdue, or without a due instant); recorded as the baseline and not posted ({ByPack}). `explain` and the morning summaries show them")]
    public static partial void Baseline(ILogger logger, int count, string byPack);
}
