using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SfBridge.State;

/// <summary>
/// The state store on a SQLite file (WAL journal). One worker per database file: before migrating, the worker takes
/// an exclusive lock on <c>&lt;file&gt;.lock</c> and holds it until it stops, so a second worker refuses to start.
/// </summary>
public sealed class SqliteStateStore : AdoStateStore, IDisposable
{
    /// <summary>
    /// The database when none is configured: <c>sfbridge/sfbridge.db</c> in the user's local data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux), the same wherever the worker is started from, so a
    /// start from another folder never begins on a new, empty database. Without a home folder, next to the program.
    /// </summary>
    public static string DefaultConnectionString => "Data Source=" + DefaultPath;

    public static string DefaultPath
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(data) ? Path.Combine(AppContext.BaseDirectory, "data") : Path.Combine(data, "sfbridge"), "sfbridge.db");
        }
    }

    private readonly string _connectionString;
    private readonly string? _file;
    private readonly object _claim = new();
    private FileStream? _lock;

    public SqliteStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time)
    {
        var text = string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? DefaultConnectionString : options.Value.ConnectionString;
        if (StateConnection.Problem("sqlite", text) is { } problem)
        {
            throw new StateStoreException(problem);
        }

        var builder = new SqliteConnectionStringBuilder(text) { Pooling = true, DefaultTimeout = 30 };
        _file = StateConnection.SqliteFile(builder);
        if (_file is not null && Path.GetDirectoryName(_file) is { } folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StateStoreException($"{StateConnection.Key}: cannot create the folder of the SQLite database {_file}: {ex.Message}", ex);
            }
        }

        _connectionString = builder.ToString();
    }

    public override string Location => _file ?? ":memory:";

    protected override string SerialKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string Prepare => "PRAGMA journal_mode=WAL";

    protected override bool MultiRowStatements => false;

    /// <summary>
    /// Takes <c>&lt;file&gt;.lock</c> (FileShare.None: an OS lock, released when the process ends, even by a crash) and
    /// writes who holds it. Taken before migration, so two workers starting together on a new file never both migrate.
    /// </summary>
    protected override void Claim()
    {
        if (_file is null)
        {
            return;
        }

        lock (_claim)
        {
            if (_lock is not null)
            {
                return;
            }

            var path = _file + ".lock";
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (LockHolder.IsHeld(ex) || LockHolder.Of(path) is not null)
            {
                var holder = LockHolder.Of(path);
                throw new StateStoreException($"{StateConnection.Key}: the SQLite database {_file} is in use by another SfBridge worker" +
                                              (holder is null ? "" : $": {holder}") + $"; run one worker per SQLite database (lock file {path})", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StateStoreException($"{StateConnection.Key}: cannot create the lock file {path} of the SQLite database: {ex.Message}", ex);
            }

            try
            {
                // For people reading the file (cat does not take the lock); the lock itself is what keeps a second worker out.
                var owner = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}\n"));
                stream.SetLength(0);
                stream.Write(owner);
                stream.Flush();
            }
            catch (IOException ex)
            {
                stream.Dispose();
                throw new StateStoreException($"{StateConnection.Key}: cannot write the lock file {path} of the SQLite database: {ex.Message}", ex);
            }

            _lock = stream;
        }
    }

    protected override async ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public void Dispose()
    {
        lock (_claim)
        {
            _lock?.Dispose();
            _lock = null;
        }
    }
}
