using SfBridge.Alerts;
using SfBridge.State;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// The real outbox, interrupted where a test needs it: recording a confirmed post kills the process (an exception) when
/// <see cref="CrashOnMarkSent"/> is armed; once the window's posts are counted, <see cref="AfterPostsCounted"/> runs
/// (another worker's dispatch, between this one's count and its claim).
/// </summary>
public sealed class InterruptedAlertStore(IAlertStore inner) : IAlertStore
{
    public bool CrashOnMarkSent { get; set; } = true;

    public Func<Task>? AfterPostsCounted { get; set; }

    public Task MarkSentAsync(string reference, string feedElementId, DateTimeOffset at, CancellationToken cancellationToken, string? postTemplate = null) =>
        CrashOnMarkSent ? throw new InvalidOperationException("process killed after Salesforce accepted the post") : inner.MarkSentAsync(reference, feedElementId, at, cancellationToken, postTemplate);

    public Task<IReadOnlyDictionary<string, string>> LastPostTemplatesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken) =>
        inner.LastPostTemplatesAsync(caseIds, cancellationToken);

    public async Task<int> PostsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var count = await inner.PostsSinceAsync(since, cancellationToken);
        if (AfterPostsCounted is { } then)
        {
            await then();
        }

        return count;
    }

    public Task<int> EnqueueAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.EnqueueAsync(alerts, cancellationToken);

    public IAsyncEnumerable<Alert> DueAsync(int maxAttempts, CancellationToken cancellationToken) => inner.DueAsync(maxAttempts, cancellationToken);

    public Task<IReadOnlyList<Alert>> UnconfirmedAsync(int maxAttempts, CancellationToken cancellationToken) => inner.UnconfirmedAsync(maxAttempts, cancellationToken);

    public Task<IReadOnlyList<Alert>> WithTextAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.WithTextAsync(alerts, cancellationToken);

    public Task<IReadOnlySet<string>> ClaimAsync(IReadOnlyList<Alert> alerts, DateTimeOffset at, string instance, CancellationToken cancellationToken) =>
        inner.ClaimAsync(alerts, at, instance, cancellationToken);

    public Task<IReadOnlySet<string>> ClaimWithinWindowAsync(DateTimeOffset since, Func<int, IReadOnlyList<Alert>> choose, DateTimeOffset at, string instance,
        CancellationToken cancellationToken) => inner.ClaimWithinWindowAsync(since, choose, at, instance, cancellationToken);

    public Task ReleaseAsync(IReadOnlyList<string> references, string instance, CancellationToken cancellationToken) => inner.ReleaseAsync(references, instance, cancellationToken);

    public Task<bool> KnowsItsPostsAsync(CancellationToken cancellationToken) => inner.KnowsItsPostsAsync(cancellationToken);

    public Task RecordKnownPostsAsync(IReadOnlyList<KnownPost> posts, DateTimeOffset at, CancellationToken cancellationToken) => inner.RecordKnownPostsAsync(posts, at, cancellationToken);

    public Task<IReadOnlyDictionary<string, KnownPost>> KnownPostsAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken) =>
        inner.KnownPostsAsync(references, cancellationToken);

    public Task MarkFailedAsync(string reference, string error, CancellationToken cancellationToken) => inner.MarkFailedAsync(reference, error, cancellationToken);

    public Task ReturnUnmadeAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.ReturnUnmadeAsync(alerts, cancellationToken);

    public Task MarkWithdrawnAsync(IReadOnlyList<string> references, bool notMade, CancellationToken cancellationToken) =>
        inner.MarkWithdrawnAsync(references, notMade, cancellationToken);

    public Task<IReadOnlyList<(string FeedElementId, string BreachKey, IReadOnlyList<string> Mentions)>> OpenPostsAsync(CancellationToken cancellationToken) =>
        inner.OpenPostsAsync(cancellationToken);

    public Task AcknowledgeAsync(string breachKey, string byUserId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.AcknowledgeAsync(breachKey, byUserId, at, cancellationToken);

    public Task SnoozeAsync(string breachKey, DateTimeOffset until, CancellationToken cancellationToken) => inner.SnoozeAsync(breachKey, until, cancellationToken);

    public Task<IReadOnlyList<FindingHistory>> CaseHistoryAsync(string caseId, CancellationToken cancellationToken) => inner.CaseHistoryAsync(caseId, cancellationToken);

    public Task<(int Count, IReadOnlyList<SfBridge.Rules.Finding> Oldest)> OpenFindingsOfPacksAsync(IReadOnlyCollection<string> packs, int oldest, CancellationToken cancellationToken) =>
        inner.OpenFindingsOfPacksAsync(packs, oldest, cancellationToken);

    public Task<AlertHistory> HistoryAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken) =>
        inner.HistoryAsync(caseIds, cancellationToken);

    public Task<(IReadOnlySet<string> Cases, DateTimeOffset? NextReminder)> AlertsToPlanAsync(TimeSpan reminderInterval, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.AlertsToPlanAsync(reminderInterval, now, cancellationToken);

    public Task<IReadOnlyList<string>> CasesToMarkCriticalAsync(CancellationToken cancellationToken) => inner.CasesToMarkCriticalAsync(cancellationToken);

    public Task RecordCriticalMarkAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken) => inner.RecordCriticalMarkAsync(caseId, at, cancellationToken);
}
