using System.Globalization;

namespace SfBridge.State;

/// <summary>What the health endpoint and the metrics read from the store.</summary>
public abstract partial class AdoStateStore
{
    public async Task<StateCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var tracked = Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM tracked_cases", cancellationToken), CultureInfo.InvariantCulture);
        var quarantined = Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM quarantine", cancellationToken), CultureInfo.InvariantCulture);
        var findings = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, COUNT(*) FROM findings WHERE cleared_at IS NULL GROUP BY kind";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            findings[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return new StateCounts(tracked, quarantined, findings);
    }

    /// <summary>
    /// Proves the store takes writes: a write transaction (SQLite takes its write lock) that updates a row and is
    /// rolled back, so nothing changes. Throws what the database throws.
    /// </summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, tx, "UPDATE schema_version SET version = version", cancellationToken);
        await tx.RollbackAsync(cancellationToken);
    }
}
