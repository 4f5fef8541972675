using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Hosting;

/// <summary>
/// Migrates the state store before any job runs (registered ahead of the scheduler). On PostgreSQL, workers migrate one
/// at a time, the clustered scheduler's tables are created with the rest, and without Cluster:Enabled a second worker
/// on the same database is refused: two unclustered workers would run every job twice.
/// </summary>
internal sealed class StateMigrationService(IStateStore store, IOptions<StateOptions> state, IOptions<Cluster.ClusterOptions> cluster, Cluster.PostgresCoordination postgres)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (state.Value.Provider != "postgres")
        {
            await store.MigrateAsync(cancellationToken);
            return;
        }

        try
        {
            if (!cluster.Value.Enabled && !await postgres.HoldSingleWorkerAsync(cancellationToken))
            {
                throw new StateStoreException("State:ConnectionString: another SfBridge worker is already using this PostgreSQL state database; " +
                                              "run one worker, or set Cluster:Enabled=true on every worker to share it");
            }

            await postgres.MigrateExclusivelyAsync(store.MigrateAsync, cluster.Value.Enabled, cancellationToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            var reason = ex.Message.TrimEnd('.');
            if (ex.InnerException is System.Net.Sockets.SocketException or TimeoutException)
            {
                reason += $" ({ex.InnerException.Message.TrimEnd('.')})";
            }

            throw new StateStoreException($"State:ConnectionString: the state database {StateConnection.Location(state.Value)} cannot be used: {reason}", ex);
        }
    }

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
