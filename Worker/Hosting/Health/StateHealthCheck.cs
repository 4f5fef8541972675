using Microsoft.Extensions.Diagnostics.HealthChecks;
using SfBridge.State;

namespace SfBridge.Hosting.Health;

/// <summary>Readiness: the state store takes writes (a write transaction, rolled back), within Health:CheckTimeout.</summary>
internal sealed class StateHealthCheck(IStateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeWriteAsync(cancellationToken);
            return HealthCheckResult.Healthy("writable");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The message names the database's complaint (read-only file, refused connection), never the connection string.
            return HealthCheckResult.Unhealthy($"cannot write: {ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}");
        }
    }
}
