using Microsoft.Extensions.Logging;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>
/// The job boundary and the only catch-all: runs one job's work, logs a failure with its error code, records the
/// run in the state store and reports success. A failed run looks different from "nothing changed". Every run is
/// counted in the metrics (job, outcome, duration) and the job history the readiness check reads.
/// </summary>
public sealed class JobRunner(IStateStore store, TimeProvider time, ILogger<JobRunner> logger, Hosting.SfBridgeMetrics metrics, JobHistory history,
    Microsoft.Extensions.Options.IOptions<Cluster.ClusterOptions> cluster, Microsoft.Extensions.Options.IOptions<StateOptions> state)
{
    /// <param name="fireId">The scheduler's id of this fire (null for a run not fired by the scheduler): recorded with the worker that ran it.</param>
    public async Task<bool> RunAsync(string job, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken, string? fireId = null)
    {
        var started = time.GetUtcNow();
        string detail;
        bool ok;
        var stopped = false;
        try
        {
            detail = await work(cancellationToken);
            ok = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the page in flight is abandoned; every page stored before it stays stored.
            detail = "stopped";
            ok = true;
            stopped = true;
        }
        catch (Exception ex)
        {
            var code = (ex as SalesforceApiException)?.ErrorCode ?? ex.GetType().Name;
            SyncLog.JobFailed(logger, IsExpected(ex) ? null : ex, job, code, ex.Message);
            detail = code;
            ok = false;
        }

        var finished = time.GetUtcNow();
        try
        {
            await store.RecordRunAsync(new JobRun(job, started, finished, ok, detail, cluster.Value.Instance, fireId), CancellationToken.None);
            if (job == Cycle.CaseSync)
            {
                await store.ForgetRunsAsync(finished - state.Value.RunsRetention, CancellationToken.None); // once a sync: the record stays bounded
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException) // SQLite or PostgreSQL
        {
            SyncLog.JobFailed(logger, null, job, "STATE_UNAVAILABLE", ex.Message);
            ok = false;
        }

        metrics.RecordRun(job, stopped ? "stopped" : !ok ? "failed" : Degraded(detail) ? "degraded" : "ok", finished - started);
        if (!stopped)
        {
            history.Record(job, ok, finished);
            await CountStateAsync();
        }

        return ok;
    }

    /// <summary>A run that did its work without one of its sources (GAR down) says so first in its detail.</summary>
    private static bool Degraded(string detail) => detail.StartsWith("degraded", StringComparison.Ordinal);

    /// <summary>Refreshes the state gauges; a store that cannot answer leaves them as they were (the run already said why).</summary>
    private async Task CountStateAsync()
    {
        try
        {
            metrics.SetStateCounts(await store.CountAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
        {
            // The gauges keep their last values; the next run counts again.
        }
    }

    /// <summary>
    /// Failures of the world around the worker (an org or GAR that does not answer, a refused call, a database that is
    /// down): their message says it all, so they are logged in one line. Anything else is a defect and keeps its stack trace.
    /// </summary>
    private static bool IsExpected(Exception ex) =>
        ex is SalesforceApiException or Gar.GarUnavailableException or StateStoreException or System.Data.Common.DbException or IOException
            or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;
}
