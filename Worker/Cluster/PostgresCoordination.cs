using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using SfBridge.State;

namespace SfBridge.Cluster;

/// <summary>
/// What workers sharing one PostgreSQL state database agree on through the database itself: one migration at a time
/// (a session advisory lock around it), Quartz's clustered job store tables (created from the scripts Quartz ships,
/// by the same migration step), and, when clustering is off, one worker only (an advisory lock held for the process
/// lifetime; a second worker is refused with a clear message instead of posting everything twice).
/// </summary>
public sealed partial class PostgresCoordination(IOptions<StateOptions> state) : IAsyncDisposable
{
    /// <summary>Advisory lock keys (any two 64-bit numbers SfBridge alone uses).</summary>
    private const long MigrationLock = 0x5346_4272_6964_6701;

    private const long SingleWorkerLock = 0x5346_4272_6964_6702;

    public const string SchedulerTablePrefix = "qrtz_";

    private NpgsqlConnection? _held;

    /// <summary>Runs the migration while holding the migration lock, so workers starting together migrate one after the other.</summary>
    public async Task MigrateExclusivelyAsync(Func<CancellationToken, Task> migrate, bool schedulerTables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await migrate(cancellationToken);
            if (schedulerTables)
            {
                await ProvisionSchedulerTablesAsync(connection, cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    /// <summary>Claims the database for this worker alone (clustering off); false when another worker holds it.</summary>
    public async Task<bool> HoldSingleWorkerAsync(CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            return true; // this process holds it already
        }

        var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SingleWorkerLock})", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            _held = connection; // the lock lives as long as this session: until the process ends or stops
            return true;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Creates the tables of Quartz's ADO.NET job store that are missing, from the PostgreSQL script inside Quartz itself.</summary>
    private static async Task ProvisionSchedulerTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var stream = typeof(IJob).Assembly.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql")
                                 ?? throw new InvalidOperationException("Quartz's PostgreSQL schema script is missing from Quartz.dll");
        using var reader = new StreamReader(stream);
        // {0}: the table prefix; {1}: the same prefix without any schema, for index names.
        var script = (await reader.ReadToEndAsync(cancellationToken)).Replace("{0}", SchedulerTablePrefix, StringComparison.Ordinal)
            .Replace("{1}", SchedulerTablePrefix, StringComparison.Ordinal);
        foreach (var statement in Separator().Split(script).Select(s => s.Trim()).Where(s => Statement().IsMatch(s)))
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // A session of its own (not from the store's pool): advisory locks belong to the session that took them.
        var builder = new NpgsqlConnectionStringBuilder(state.Value.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
            _held = null;
        }
    }

    [GeneratedRegex(@"^--;;\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();

    /// <summary>A piece holding SQL, not only comments.</summary>
    [GeneratedRegex(@"^\s*(?!--)\S", RegexOptions.Multiline)]
    private static partial Regex Statement();
}
