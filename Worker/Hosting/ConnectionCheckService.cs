using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SfBridge.Salesforce;

namespace SfBridge.Hosting;

/// <summary>
/// The cycle <c>run</c> performs: authenticate, read the org's limits and count open cases, so a misconfigured
/// connection fails at start with the reason. With <c>--once</c> the process exits after it.
/// </summary>
internal sealed class ConnectionCheckService(
    IServiceProvider services, RunSettings settings, RunOutcome outcome, IHostApplicationLifetime lifetime,
    ApiUsageMonitor usage, ILogger<ConnectionCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var client = services.GetRequiredService<SalesforceClient>();
            var limits = await client.GetLimitsAsync(stoppingToken);
            var openCases = await client.CountAsync(Soql.Trusted("SELECT COUNT() FROM Case WHERE IsClosed = false"), stoppingToken);
            var daily = limits.DailyApiRequests;
            HostingLog.Connected(logger, daily?.Remaining ?? -1, daily?.Max ?? -1, openCases, usage.Calls);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The job boundary: log, mark the run failed, never let it escape.
            HostingLog.CycleFailed(logger, ex, (ex as SalesforceApiException)?.ErrorCode ?? ex.GetType().Name);
            outcome.Fail();
        }

        if (settings.Once)
        {
            lifetime.StopApplication();
        }
    }
}
