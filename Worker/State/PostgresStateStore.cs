using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SfBridge.State;

/// <summary>The state store on PostgreSQL (State:Provider = postgres).</summary>
public sealed class PostgresStateStore : AdoStateStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time)
    {
        var text = options.Value.ConnectionString ?? throw new StateStoreException($"{StateConnection.Key} is required for postgres");
        if (StateConnection.Problem("postgres", text) is { } problem)
        {
            throw new StateStoreException(problem);
        }

        Location = StateConnection.Location(options.Value);
        _dataSource = NpgsqlDataSource.Create(text);
    }

    /// <summary>host:port/database; never the connection string, which holds the password.</summary>
    public override string Location { get; }

    protected override string SerialKey => "BIGSERIAL PRIMARY KEY";

    /// <summary>An advisory lock held to the end of the claim's transaction (a key SfBridge alone uses).</summary>
    protected override string SerializeClaims => $"SELECT pg_advisory_xact_lock({ClaimLock})";

    internal const long ClaimLock = 0x5346_4272_6964_6703;

    protected override async ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
