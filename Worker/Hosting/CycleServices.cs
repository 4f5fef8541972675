using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Hosting;

/// <summary>Migrates the state store before any job runs (registered ahead of the scheduler).</summary>
internal sealed class StateMigrationService(IStateStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// <c>run --once</c>: one full cycle of every job, then stop with exit code 1 if any job failed or the cycle was cut
/// short by a stop request (SIGTERM): a cycle that did not finish is not a success.
/// </summary>
internal sealed class OnceCycleService(IServiceProvider services, RunOutcome outcome, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = services.CreateScope();
        bool ok;
        try
        {
            ok = await scope.ServiceProvider.GetRequiredService<Cycle>().RunOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ok = false;
        }

        if (!ok || stoppingToken.IsCancellationRequested)
        {
            outcome.Fail();
        }

        lifetime.StopApplication();
    }
}
