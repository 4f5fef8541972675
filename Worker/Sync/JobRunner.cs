using Microsoft.Extensions.Logging;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>
/// The job boundary and the only catch-all: runs one job's work, logs a failure with its error code, records the
/// run in the state store and reports success. A failed run looks different from "nothing changed".
/// </summary>
public sealed class JobRunner(IStateStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<Cluster.ClusterOptions> cluster, ILogger<JobRunner> logger)
{
    /// <param name="fireId">The scheduler's id of this fire (null for a run not fired by the scheduler): recorded with the worker that ran it.</param>
    public async Task<bool> RunAsync(string job, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken, string? fireId = null)
    {
        var started = time.GetUtcNow();
        string detail;
        bool ok;
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
        }
        catch (Exception ex)
        {
            var code = (ex as SalesforceApiException)?.ErrorCode ?? ex.GetType().Name;
            SyncLog.JobFailed(logger, ex, job, code);
            detail = code;
            ok = false;
        }

        try
        {
            await store.RecordRunAsync(new JobRun(job, started, time.GetUtcNow(), ok, detail, cluster.Value.Instance, fireId), CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException) // SQLite or PostgreSQL
        {
            SyncLog.JobFailed(logger, ex, job, "STATE_UNAVAILABLE");
            ok = false;
        }

        return ok;
    }
}
