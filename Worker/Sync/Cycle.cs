namespace SfBridge.Sync;

/// <summary>The worker's jobs by name, in cycle order: sync cases, sync Omni-Channel and org data, audit GAR, sweep SLAs, dispatch alerts.</summary>
public sealed class Cycle(CaseSyncService cases, OmniChannelSyncService omni, Gar.GarAuditService gar, SlaSweepService sweep,
    Alerts.AlertDispatcher dispatcher, Alerts.CriticalMarker critical, Alerts.AcknowledgementReader replies, Alerts.MorningSummary summaries, JobRunner runner,
    CycleGate gate, DueWatch dueWatch, Hosting.SfBridgeMetrics metrics, Microsoft.Extensions.Options.IOptions<JobsOptions> jobs, TimeProvider time)
{
    public const string CaseSync = "case-sync";
    public const string OmniChannelSync = "omni-channel-sync";
    public const string GarAudit = "gar-audit";
    public const string SlaSweep = "sla-sweep";
    public const string AlertDispatch = "alert-dispatch";

    /// <summary>The outbox posted at a due instant (no replies, summaries or critical marks): recorded apart from the periodic dispatch.</summary>
    public const string DuePost = "due-instant-post";

    /// <summary>Runs one job; a sweep or a dispatch waits for any other sweep or dispatch to finish first.</summary>
    public async Task<bool> RunJobAsync(string job, CancellationToken cancellationToken, string? fireId = null)
    {
        if (job is not (SlaSweep or AlertDispatch))
        {
            return await Run(job, fireId, cancellationToken);
        }

        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            return await Run(job, fireId, cancellationToken);
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    private Task<bool> Run(string job, string? fireId, CancellationToken cancellationToken) => job switch
    {
        CaseSync => runner.RunAsync(job, async ct => (await cases.RunAsync(ct)).ToString(), cancellationToken, fireId),
        OmniChannelSync => runner.RunAsync(job, async ct => { await omni.RunAsync(ct); return "ok"; }, cancellationToken, fireId),
        GarAudit => runner.RunAsync(job, gar.RunAsync, cancellationToken, fireId),
        SlaSweep => runner.RunAsync(job, async ct => { var r = await sweep.RunAsync(ct); metrics.RecordSweep(r); return $"{r.Findings} findings, {r.Opened} new"; }, cancellationToken, fireId),
        AlertDispatch => runner.RunAsync(job, async ct =>
        {
            var repliesFrom = time.GetUtcNow();
            var (acknowledged, snoozed) = await replies.RunAsync(ct);
            metrics.RecordReplies(acknowledged, snoozed);
            var summarized = await summaries.RunAsync(ct);
            // Marks first: a critical-case post says SfBridge marked the case, so it goes once the mark is set.
            var marked = await critical.RunAsync(ct);
            // A reminder queued since the replies were read (by a sweep of another worker of the cluster) waits for the next run.
            var r = await dispatcher.RunAsync(ct, ReminderWaitFrom(repliesFrom, repliesFrom));
            metrics.RecordDispatch(r);
            return $"{r.Posted} posted in {r.Posts} posts, {r.Failed} refused, {r.Unknown} unconfirmed, {r.Held} held, {r.OffShift} off-shift, {r.Withdrawn} withdrawn, " +
                   $"{r.AwaitingMark} awaiting the critical mark, {acknowledged} acknowledged, {snoozed} snoozed, {summarized} summaries, {marked} marked critical";
        }, cancellationToken, fireId),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
    };

    /// <summary>Reminders wait for the replies only when the periodic dispatch comes within this long.</summary>
    public static readonly TimeSpan LongestWaitForReplies = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What a dispatch at <paramref name="now"/> leaves to the next periodic one, replies being read up to <paramref name="readyBy"/>
    /// (null, at a due instant: as long before now as the periodic dispatch may take to come); null when replies are not read.
    /// </summary>
    private Alerts.ReminderWait? ReminderWaitFrom(DateTimeOffset now, DateTimeOffset? readyBy) =>
        replies.Reads && UntilNextDispatch(jobs.Value.AlertDispatch, now) is { } next ? new Alerts.ReminderWait(readyBy ?? now - next, next) : null;

    /// <summary>
    /// How long the periodic dispatch may take to come: its interval (counted from the end of the previous run) or the
    /// time to its cron's next firing, and a minute for the run before it to finish; null when that is more than
    /// <see cref="LongestWaitForReplies"/> (a long interval, a cron that skips the night or the weekend, or never fires again):
    /// reminders do not wait that long for the replies.
    /// </summary>
    public static TimeSpan? UntilNextDispatch(JobSchedule schedule, DateTimeOffset now) =>
        schedule.Deadline(now, 1) is { } next && next - now <= LongestWaitForReplies ? next - now + TimeSpan.FromMinutes(1) : null;

    /// <summary>
    /// Posts the alerts due now, as a wake-up at a due instant does: the outbox only, no reply reading or critical
    /// marks (no Salesforce query), under the same gate as the periodic dispatch.
    /// </summary>
    public async Task<bool> PostDueAsync(CancellationToken cancellationToken, string? fireId = null)
    {
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            return await runner.RunAsync(DuePost, async ct =>
            {
                // No replies are read here (no Salesforce query at a due instant): reminders wait for the periodic run, which reads them first.
                var r = await dispatcher.RunAsync(ct, ReminderWaitFrom(time.GetUtcNow(), readyBy: null));
                metrics.RecordDispatch(r);
                return $"due instant: {r.Posted} posted in {r.Posts} posts, {r.Failed} refused, {r.Unknown} unconfirmed, {r.Held} held, {r.OffShift} off-shift, " +
                       $"{r.RemindersLeft} reminders left for the periodic dispatch";
            }, cancellationToken, fireId);
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    /// <summary>One full cycle (run --once): every job in order; false when any failed. A wake-up run in progress finishes first.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await dueWatch.WhenIdleAsync();
        var ok = true;
        foreach (var job in new[] { CaseSync, OmniChannelSync, GarAudit, SlaSweep, AlertDispatch })
        {
            ok &= await RunJobAsync(job, cancellationToken);
        }

        return ok;
    }
}
