using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SfBridge.State;

namespace SfBridge.Audit;

/// <summary>
/// The worker's state database as explain --state and replay --state read it: read-only (SQLite opened with
/// <c>Mode=ReadOnly</c>, PostgreSQL sessions with read-only transactions), so nothing these commands do can change it,
/// and a SQLite file that is not there is reported, not created.
/// </summary>
internal static class ReadOnlyState
{
    /// <summary>The store at the schema this build reads; otherwise null, with one line on standard error saying why.</summary>
    public static async Task<AdoStateStore?> OpenAsync(StateOptions state, TimeProvider time, TextWriter stderr, CancellationToken cancellationToken)
    {
        AdoStateStore store;
        try
        {
            if (ReadOnly(state) is not { } readOnly)
            {
                stderr.WriteLine($"no SfBridge state database at {StateConnection.Key} ({StateConnection.Location(state)}): start the worker once, or give --input DIR");
                return null;
            }

            store = state.Provider == "postgres" ? new PostgresStateStore(Options.Create(readOnly), time) : new SqliteStateStore(Options.Create(readOnly), time);
        }
        catch (StateStoreException ex)
        {
            stderr.WriteLine(ex.Message);
            return null;
        }

        int version;
        try
        {
            version = await store.SchemaVersionAsync(cancellationToken);
        }
        catch (StateStoreException ex)
        {
            stderr.WriteLine(ex.Message); // unreachable, or the login refused: not "no state database"
            await CloseAsync(store);
            return null;
        }

        if (version == StateSchema.Latest)
        {
            return store;
        }

        stderr.WriteLine(version == 0
            ? $"no SfBridge state database at {StateConnection.Key} ({store.Location}): start the worker once, or give --input DIR"
            : $"the state database is at schema version {version}, this build reads {StateSchema.Latest}: start the worker once to upgrade it");
        await CloseAsync(store);
        return null;
    }

    public static async ValueTask CloseAsync(AdoStateStore? store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else if (store is IDisposable owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>
    /// The same settings with read-only connections; null for a SQLite file that does not exist. A connection string
    /// the provider cannot read is left as it is, for the store to name the problem (without quoting its values).
    /// </summary>
    private static StateOptions? ReadOnly(StateOptions state)
    {
        var text = state.Provider == "postgres" ? state.ConnectionString : string.IsNullOrWhiteSpace(state.ConnectionString) ? SqliteStateStore.DefaultConnectionString : state.ConnectionString;
        if (text is null || StateConnection.Problem(state.Provider, text) is not null)
        {
            return state;
        }

        if (state.Provider == "postgres")
        {
            var pg = new NpgsqlConnectionStringBuilder(text);
            pg.Options = $"{PostgresStateStore.StartupOptions(pg)} -c default_transaction_read_only=on";
            return new StateOptions { Provider = state.Provider, ConnectionString = pg.ConnectionString };
        }

        var sqlite = new SqliteConnectionStringBuilder(text);
        if (StateConnection.SqliteFile(sqlite) is not { } file)
        {
            return state; // in memory: nothing the worker left there
        }

        if (!File.Exists(file))
        {
            return null;
        }

        sqlite.Mode = SqliteOpenMode.ReadOnly;
        return new StateOptions { Provider = state.Provider, ConnectionString = sqlite.ConnectionString };
    }
}
