using SfBridge.Alerts;

namespace SfBridge.State;

/// <summary>An alert reference found in a post SfBridge made before this state database existed.</summary>
public sealed record KnownPost(string Reference, string FeedElementId, string? CaseId, DateTimeOffset PostedAt);

/// <summary>The alert outbox and the record of critical marks.</summary>
public interface IAlertStore
{
    /// <summary>Adds alerts not already in the outbox (same breach key and sequence are the same alert); returns how many were new.</summary>
    Task<int> EnqueueAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>
    /// Alerts ready to be posted: pending, or failed (refused: a breach or reminder whatever its attempts, a note or summary
    /// under <paramref name="maxAttempts"/>), whose reference is not in SfBridge's earlier
    /// posts (<see cref="KnownPostsAsync"/>); without their texts (empty message, no mentions, line or subject):
    /// <see cref="WithTextAsync"/> reads those for the alerts chosen. Streamed row by row, the alerts of one case one
    /// after another (case ids equal but for letter case count as one case; cases in no promised order), so a backlog of
    /// any size is read without being held.
    /// </summary>
    IAsyncEnumerable<Alert> DueAsync(int maxAttempts, CancellationToken cancellationToken);

    /// <summary>
    /// The alerts whose outcome must be settled before they are posted, which <see cref="DueAsync"/> leaves out: sending
    /// with an unknown outcome, or pending or failed (as <see cref="DueAsync"/> reads them) with a reference found in SfBridge's earlier posts.
    /// </summary>
    Task<IReadOnlyList<Alert>> UnconfirmedAsync(int maxAttempts, CancellationToken cancellationToken);

    /// <summary>The alerts with their message, mentions, line and subject as stored.</summary>
    Task<IReadOnlyList<Alert>> WithTextAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>
    /// Claims alerts for posting: each moves to "sending" only if it is still in the state (and sending instant) it
    /// was read in, so of two dispatchers that read the same alert exactly one claims it. Returns the references claimed.
    /// </summary>
    Task<IReadOnlySet<string>> ClaimAsync(IReadOnlyList<Alert> alerts, DateTimeOffset at, string instance, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, as <see cref="ClaimAsync"/>, the alerts <paramref name="choose"/> returns given the posts made since
    /// <paramref name="since"/> (as <see cref="PostsSinceAsync"/> counts them), counted in the claim's own transaction
    /// after every other dispatcher's claim made before it (on PostgreSQL, claims wait for each other): two workers of a
    /// cluster that read the count at the same instant do not each spend the window's budget.
    /// </summary>
    Task<IReadOnlySet<string>> ClaimWithinWindowAsync(DateTimeOffset since, Func<int, IReadOnlyList<Alert>> choose, DateTimeOffset at, string instance,
        CancellationToken cancellationToken);

    /// <summary>
    /// Gives alerts this worker claimed back as pending, without counting an attempt: their post was never made
    /// (Salesforce refused the call, not the post). An alert another worker has claimed since is left alone.
    /// </summary>
    Task ReleaseAsync(IReadOnlyList<string> references, string instance, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back as pending claimed posts looked up past the grace and not found in the feed that cannot go out now (held for
    /// the team's hours, not before their instant, waiting for a critical mark): the sweep then rewrites them as their case
    /// stands, as it does any alert still waiting. They keep the instant of their claim, so their post is still looked up
    /// before they go out (<see cref="Alert.Unconfirmed"/>). Compare-and-set on the claim read: a post claimed again since is left alone.
    /// </summary>
    Task ReturnUnmadeAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <param name="postTemplate">The template of the post that carried it when that was not its own (a digest's opening), kept as its template.</param>
    Task MarkSentAsync(string reference, string feedElementId, DateTimeOffset at, CancellationToken cancellationToken, string? postTemplate = null);

    /// <summary>The template of each case's last post (its latest sent alert's), so its next post opens with another.</summary>
    Task<IReadOnlyDictionary<string, string>> LastPostTemplatesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>
    /// Chatter posts made after <paramref name="since"/> by any dispatcher: those confirmed (one per feed element) and
    /// those claimed and not confirmed yet (one per case).
    /// </summary>
    Task<int> PostsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Salesforce refused this post: one attempt counted, tried again after a back-off (see <see cref="AlertsOptions.MaxAttempts"/>) for as long as it is wanted (only while it is still being sent: a post confirmed meanwhile stays sent).</summary>
    Task MarkFailedAsync(string reference, string error, CancellationToken cancellationToken);

    /// <summary>Whether this database knows what SfBridge already posted: it has posted, or has read its recent posts once.</summary>
    Task<bool> KnowsItsPostsAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the references found in SfBridge's own recent posts and records that they were read.</summary>
    Task RecordKnownPostsAsync(IReadOnlyList<KnownPost> posts, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Of these references, those already in Chatter before this database knew of them.</summary>
    Task<IReadOnlyDictionary<string, KnownPost>> KnownPostsAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken);

    /// <summary>
    /// Alerts that will never be posted: held off-shift while their finding cleared. <paramref name="notMade"/>: a claimed post
    /// known not to be in the feed (looked up past the grace, or refused before it was sent); withdrawn, it keeps no sign of
    /// having been sent, so the breach counts as never told.
    /// </summary>
    Task MarkWithdrawnAsync(IReadOnlyList<string> references, bool notMade, CancellationToken cancellationToken);

    /// <summary>
    /// For the alerts of <paramref name="caseIds"/>: per breach key, alerts sent so far, the highest level, when the last
    /// one was sent; per case, the last template used.
    /// </summary>
    Task<AlertHistory> HistoryAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>
    /// Cases with an open finding the sweep must plan an alert for at <paramref name="now"/> (never alerted, or a
    /// reminder due), and the earliest reminder due after <paramref name="now"/>; read row by row, nothing held per breach.
    /// </summary>
    Task<(IReadOnlySet<string> Cases, DateTimeOffset? NextReminder)> AlertsToPlanAsync(TimeSpan reminderInterval, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Posts of open findings (their feed element ids) and, per post, the breach keys and mentions of the alerts it carried;
    /// only the posts of each breach's current instance: a reply to a post about it before a note said it was resolved does
    /// not answer for it as it stands now.
    /// </summary>
    Task<IReadOnlyList<(string FeedElementId, string BreachKey, IReadOnlyList<string> Mentions)>> OpenPostsAsync(CancellationToken cancellationToken);

    /// <summary>Records that someone acknowledged a breach (its reminders stop), unless it already was.</summary>
    Task AcknowledgeAsync(string breachKey, string byUserId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Snoozes a breach's reminders until an instant (a later snooze wins).</summary>
    Task SnoozeAsync(string breachKey, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Every finding the ledger holds for a case (open or cleared), oldest first, with its alerts.</summary>
    Task<IReadOnlyList<FindingHistory>> CaseHistoryAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>
    /// How many findings of these packs are open at breach, critical or warning severity, and the <paramref name="oldest"/>
    /// oldest of them (morning summaries); the rest are counted, not held.
    /// </summary>
    Task<(int Count, IReadOnlyList<Rules.Finding> Oldest)> OpenFindingsOfPacksAsync(IReadOnlyCollection<string> packs, int oldest, CancellationToken cancellationToken);

    /// <summary>Cases with an open critical finding that SfBridge has not marked yet.</summary>
    Task<IReadOnlyList<string>> CasesToMarkCriticalAsync(CancellationToken cancellationToken);

    Task RecordCriticalMarkAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken);
}
