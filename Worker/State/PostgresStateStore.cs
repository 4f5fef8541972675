using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SfBridge.State;

/// <summary>The state store on PostgreSQL (State:Provider = postgres).</summary>
public sealed class PostgresStateStore : AdoStateStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time) =>
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString
                                              ?? throw new InvalidOperationException("State:ConnectionString is required for postgres"));

    protected override string SerialKey => "BIGSERIAL PRIMARY KEY";

    protected override async ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
