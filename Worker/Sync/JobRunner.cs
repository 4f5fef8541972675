using Microsoft.Extensions.Logging;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Sync;

/// <summary>
/// The job boundary and the only catch-all: runs one job's work, logs a failure with its error code, records the
/// run in the state store and reports success. A failed run looks different from "nothing changed".
/// </summary>
public sealed class JobRunner(IStateStore store, TimeProvider time, ILogger<JobRunner> logger)
{
    public async Task<bool> RunAsync(string job, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken)
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
            SyncLog.JobFailed(logger, IsExpected(ex) ? null : ex, job, code, ex.Message);
            detail = code;
            ok = false;
        }

        try
        {
            await store.RecordRunAsync(job, started, time.GetUtcNow(), ok, detail, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException) // SQLite or PostgreSQL
        {
            SyncLog.JobFailed(logger, null, job, "STATE_UNAVAILABLE", ex.Message);
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// Failures of the world around the worker (an org or GAR that does not answer, a refused call, a database that is
    /// down): their message says it all, so they are logged in one line. Anything else is a defect and keeps its stack trace.
    /// </summary>
    private static bool IsExpected(Exception ex) =>
        ex is SalesforceApiException or Gar.GarUnavailableException or StateStoreException or System.Data.Common.DbException or IOException
            or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;
}
