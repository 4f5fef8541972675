using Microsoft.Extensions.Logging;

namespace SfBridge.Sync;

internal static partial class SyncLog
{
    [LoggerMessage(2001, LogLevel.Information, "Case sync ({Mode}) stored {Stored} cases, removed {Removed}, skipped {Skipped} already seen, quarantined {Quarantined} in {Pages} pages; watermark {Watermark}")]
    public static partial void CaseSync(ILogger logger, string mode, int stored, int removed, int skipped, int quarantined, int pages, DateTimeOffset? watermark);

    [LoggerMessage(2002, LogLevel.Warning, "Quarantined {Object} {RecordId}: {Reason}")]
    public static partial void Quarantined(ILogger logger, string @object, string? recordId, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Omni-Channel sync: {Users} users, {Queues} groups, {Members} members, {Presences} presences, {Pending} pending, {AgentWork} agent work changes, {Messaging} messaging sessions, {Accounts} accounts")]
    public static partial void OmniChannelSync(ILogger logger, int users, int queues, int members, int presences, int pending, int agentWork, int messaging, int accounts);

    [LoggerMessage(2007, LogLevel.Warning, "User {UserId} is inactive or unknown and was not mentioned; the next person of the route was (rule {RuleId}, case {CaseId})")]
    public static partial void MentionGap(ILogger logger, string userId, string ruleId, string caseId);

    [LoggerMessage(2004, LogLevel.Information, "SLA sweep judged {Cases} cases at {Now}: {Findings} findings, {Opened} new, {Cleared} cleared")]
    public static partial void Sweep(ILogger logger, int cases, DateTimeOffset now, int findings, int opened, int cleared);

    [LoggerMessage(2005, LogLevel.Error, "Job {Job} failed: {ErrorCode}: {Error}")]
    public static partial void JobFailed(ILogger logger, Exception? exception, string job, string errorCode, string error);

    [LoggerMessage(2008, LogLevel.Information, "Case sync read {Tracked} tracked cases again: comments, e-mails, tasks or files changed on {Touched} cases")]
    public static partial void ChildChanges(ILogger logger, int touched, int tracked);

    [LoggerMessage(2012, LogLevel.Information, "SLA sweep waits for the first case sync to finish: not every open case has been read from Salesforce yet")]
    public static partial void SweepWaitsForFirstSync(ILogger logger);

    [LoggerMessage(2020, LogLevel.Warning, "SLA sweep waits for the org's users: the Omni-Channel and org-data sync has not stored them yet")]
    public static partial void SweepWaitsForUsers(ILogger logger);

    [LoggerMessage(2019, LogLevel.Warning, "Case {CaseId} is no longer in Salesforce (deleted for good, or no longer visible to SfBridge's user): it leaves the tracked set")]
    public static partial void CaseNotFound(ILogger logger, string caseId);

    [LoggerMessage(2013, LogLevel.Information, "SLA sweep judges every tracked case once: {Reason}")]
    public static partial void SweepJudgesEveryCase(ILogger logger, string reason);

    [LoggerMessage(2014, LogLevel.Information, "SLA sweep keeps the verdicts of the full sweep of {JudgedAt}: same mappings and SfBridge build; it judges the cases that changed or came due")]
    public static partial void SweepKeepsVerdicts(ILogger logger, DateTimeOffset judgedAt);

    [LoggerMessage(2006, LogLevel.Warning, "Case {CaseId} could not be judged: {Reason}")]
    public static partial void CaseNotJudged(ILogger logger, string caseId, string reason);

    [LoggerMessage(2017, LogLevel.Information, "SLA sweep read {Cases} cases again from Salesforce before alerting: their findings arose after the last case sync started ({SyncedAt})")]
    public static partial void ReadAgain(ILogger logger, int cases, DateTimeOffset? syncedAt);

    [LoggerMessage(2018, LogLevel.Warning, "SLA sweep could not read {Cases} cases again from Salesforce ({ErrorCode}: {Error}); their findings arose after the last case sync started ({SyncedAt}), so they are not alerted now and are judged at the next sweep")]
    public static partial void NotReadAgain(ILogger logger, int cases, DateTimeOffset? syncedAt, string errorCode, string error);

    [LoggerMessage(2015, LogLevel.Information, "Gave memory back after {Job} over {Records} records: resident {BeforeMb} MB before, {AfterMb} MB after ({Milliseconds} ms)")]
    public static partial void HeapTrimmed(ILogger logger, string job, int records, long beforeMb, long afterMb, long milliseconds);

    [LoggerMessage(2016, LogLevel.Debug, "Gave memory back during {Job} after {Records} records: resident {BeforeMb} MB before, {AfterMb} MB after ({Milliseconds} ms)")]
    public static partial void HeapTrimmedMidway(ILogger logger, string job, int records, long beforeMb, long afterMb, long milliseconds);
}
