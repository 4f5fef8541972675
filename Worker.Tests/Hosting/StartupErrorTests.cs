using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SfBridge.Hosting;
using SfBridge.State;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>An operator's bad day at start-up: every mistake is one "Configuration error:" line and exit code 3, never a stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfbridge-startup-").FullName;

    private string Database => Path.Combine(_folder, "state.db");

    private static string[] Run(params string[] extra) =>
    [
        "run", "--once", "--Salesforce:LoginUrl=https://login.salesforce.com", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=s3cr3t",
        $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", .. extra,
    ];

    /// <summary>Runs the worker and returns the one line it must have printed.</summary>
    private static async Task<string> OneLineAsync(string[] args, int expectedExit = RunOutcome.ConfigurationError)
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(args, stderr, new StringWriter());

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expectedExit, exit);
        var line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
        return line;
    }

    [Theory]
    [InlineData("--Alerts:ReminderInterval=2h", "Alerts:ReminderInterval must be a duration hh:mm:ss", "'2h'")]
    [InlineData("--Salesforce:QueryBatchSize=abc", "Salesforce:QueryBatchSize must be a whole number", "'abc'")]
    [InlineData("--Salesforce:Resilience:BreakerFailureRatio=half", "Salesforce:Resilience:BreakerFailureRatio must be a number", "'half'")]
    [InlineData("--Sync:ChildChanges=talvez", "Sync:ChildChanges must be true or false", "'talvez'")]
    [InlineData("--Jobs:CaseSync:Interval=soon", "Jobs:CaseSync:Interval must be a duration hh:mm:ss", "'soon'")]
    [InlineData("--Serilog:MinimumLevel:Default=Info", "Serilog:MinimumLevel:Default must be one of Verbose, Debug, Information, Warning, Error, Fatal", "'Info'")]
    [InlineData("--Serilog:MinimumLevel:Override:SfBridge=Warn", "Serilog:MinimumLevel:Override:SfBridge must be one of Verbose", "'Warn'")]
    [InlineData("--Serilog:MinimumLevel=Loud", "Serilog:MinimumLevel must be one of Verbose", "'Loud'")]
    [InlineData("--Serilog:MinimumLevel:Default=$worker", "Serilog:MinimumLevel:Default must be one of Verbose", "'$worker'")] // only an override may name a switch
    [InlineData("--Serilog:LevelSwitches:$worker=Info", "Serilog:LevelSwitches:$worker must be one of Verbose", "'Info'")]
    public async Task Run_AValueOfTheWrongType_IsOneLineNamingTheKeyAndTheTypeExpected(string setting, string expected, string quoted)
    {
        // Reproduced: ConfigurationBinder's InvalidOperationException escaped, exit 134 with a stack trace.
        var line = await OneLineAsync(Run(setting, $"--State:ConnectionString=Data Source={Database}"));

        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith($"not {quoted}", line, StringComparison.Ordinal);
    }

    [Theory]
    // Reproduced (in review): both sync windows were accepted; the overlap then read from five minutes after the watermark, and
    // the AgentWork backfill from five days ahead, losing what fell in between.
    [InlineData("--Sync:Overlap=-00:05:00", "Configuration error: Sync:Overlap must not be negative")]
    [InlineData("--Sync:AgentWorkBackfillDays=-5", "Configuration error: Sync:AgentWorkBackfillDays must not be negative")]
    [InlineData("--Serilog:MinimumLevel:Override:SfBridge=$wroker",
        "Configuration error: Serilog:MinimumLevel:Override:SfBridge names the level switch '$wroker', which Serilog:LevelSwitches does not declare")]
    [InlineData("--Logging:Format=xml", "Configuration error: Logging:Format must be one of text, json, not 'xml'")]
    // Reproduced (in review): a value written as a section ended the process with the binder's stack trace (exit 134).
    [InlineData("--Gar:BaseUrl:x=http://127.0.0.1:9", "Configuration error: a setting that takes one value (String) is written as a section, with a key under it (such as --State:ConnectionString:Default=… or State__ConnectionString__Default=…): write it as Section:Key=value")]
    // Reproduced (in review): an unknown zone fell back to UTC, and every log line was stamped three hours off São Paulo time.
    [InlineData("--Logging:TimeZone=Mars/Olympus", "Configuration error: Logging:TimeZone: unknown time zone 'Mars/Olympus' (an IANA id such as America/Sao_Paulo)")]
    public async Task Run_ASettingOutOfItsRange_IsOneLineSayingWhatItMustBe(string setting, string expected)
    {
        Assert.Equal(expected, await OneLineAsync(Run(setting, $"--State:ConnectionString=Data Source={Database}")));
    }

    [Fact]
    public async Task Run_ALevelSwitchNamedForALevel_IsNotTakenForAMistypedLevel()
    {
        var stderr = new StringWriter();

        // Stopped right after the logger is configured, by a setting checked later (a sweep batch out of range).
        var exit = await SfBridgeApp.RunAsync(Run("--Serilog:LevelSwitches:$worker=Warning", "--Serilog:MinimumLevel:Override:SfBridge=$worker",
            $"--State:ConnectionString=Data Source={Database}", "--Sync:SweepBatch=0"), stderr, new StringWriter());

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Equal("Configuration error: Sync:SweepBatch must be between 1 and 100000", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Run_ASqliteDatabaseWithAPassword_IsOneLine_ThatNeverRepeatsIt()
    {
        // Reproduced (in review): the provider accepts the keyword, and the SQLite library SfBridge ships throws when the database is
        // opened: exit 134 and a stack trace.
        var line = await OneLineAsync(Run($"--State:ConnectionString=Data Source={Database};Password=hunter2"));

        Assert.StartsWith("Configuration error: State:ConnectionString: 'Password' is not supported for SQLite", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AsAService_AValueOfTheWrongType_IsOneLineToo()
    {
        // The service reads its job schedules while the host is built, before any validation.
        var args = Run("--Jobs:SlaSweep:Interval=5min", $"--State:ConnectionString=Data Source={Database}").Where(a => a != "--once").ToArray();

        var line = await OneLineAsync(args);

        Assert.Contains("Jobs:SlaSweep:Interval must be a duration hh:mm:ss", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_OfAKeyThatMayHoldASecret_NeverRepeatsTheValue()
    {
        var line = StartupFailure.WrongType("Salesforce:ClientSecret", "hunter2", "System.Int32");

        Assert.Equal("Salesforce:ClientSecret must be a whole number", line);
        Assert.DoesNotContain("hunter2", StartupFailure.WrongType("State:ConnectionString", "Password=hunter2", "System.TimeSpan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CorruptSqliteFile_IsOneLineNamingTheDatabase()
    {
        var garbage = new byte[8192];
        new Random(42).NextBytes(garbage);
        await File.WriteAllBytesAsync(Database, garbage);

        var line = await OneLineAsync(Run($"--State:ConnectionString=Data Source={Database}"));

        Assert.Contains($"State:ConnectionString: the state database {Database} cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("not a database", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DatabaseOfANewerSchema_IsOneLineNamingBothVersions()
    {
        await using (var connection = new SqliteConnection($"Data Source={Database}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (99);";
            await command.ExecuteNonQueryAsync();
        }

        var line = await OneLineAsync(Run($"--State:ConnectionString=Data Source={Database}"));

        Assert.Contains($"the state database {Database} is at schema version 99, newer than this SfBridge ({StateSchema.Latest})", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresUnreachable_IsOneLineWithHostAndPortButNoPassword()
    {
        var port = WorkerProcess.ClosedPort();

        var line = await OneLineAsync(Run("--State:Provider=postgres",
            $"--State:ConnectionString=Host=127.0.0.1;Port={port};Database=sfbridge;Username=sfbridge;Password=pg-s3cr3t;Timeout=5"));

        Assert.Contains($"the state database 127.0.0.1:{port}/sfbridge cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pg-s3cr3t", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", "Foo=bar;Password=pg-s3cr3t", "keyword 'foo' is not a SQLite setting")]
    [InlineData("sqlite", "Data", "State:ConnectionString is not a connection string")]
    [InlineData("postgres", "Host=127.0.0.1;Foo=bar;Password=pg-s3cr3t", "keyword 'foo' is not a PostgreSQL (Npgsql) setting")]
    [InlineData("postgres", "Host=127.0.0.1;Port=five;Password=pg-s3cr3t", "the value of 'port' is not valid")]
    public async Task Run_ConnectionStringTheProviderCannotRead_IsOneLineNamingTheKeyword(string provider, string connectionString, string expected)
    {
        var line = await OneLineAsync(Run($"--State:Provider={provider}", $"--State:ConnectionString={connectionString}"));

        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-s3cr3t", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SqliteFolderThatCannotBeCreated_IsOneLineNamingTheDatabase()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the database's folder should be");

        var line = await OneLineAsync(Run($"--State:ConnectionString=Data Source={Path.Combine(blocker, "state.db")}"));

        Assert.Contains($"cannot create the folder of the SQLite database {Path.Combine(blocker, "state.db")}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SqlitePathWithoutPermission_IsOneLineNamingTheDatabase()
    {
        // sysfs refuses new entries even to root, who passes every permission check a test could set up with chmod.
        if (!Directory.Exists("/sys/kernel"))
        {
            return;
        }

        var line = await OneLineAsync(Run("--State:ConnectionString=Data Source=/sys/kernel/sfbridge/state.db"));

        Assert.Contains("State:ConnectionString: cannot create the folder of the SQLite database /sys/kernel/sfbridge/state.db", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrivateKeyPathHoldingAPublicKey_IsOneLineNamingTheKey()
    {
        // Reproduced: the public key imported silently and every job failed at signing with "RSA lib".
        using var keys = new TestKeys();
        var path = Path.Combine(_folder, "sfbridge.pub");
        await File.WriteAllTextAsync(path, keys.Rsa.ExportSubjectPublicKeyInfoPem());

        var line = await OneLineAsync(["run", "--once", $"--Salesforce:LoginUrl=http://127.0.0.1:{WorkerProcess.ClosedPort()}", "--Salesforce:ClientId=sfbridge",
            "--Salesforce:Username=integracao@example.com", $"--Salesforce:PrivateKeyPath={path}", $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}",
            $"--State:ConnectionString=Data Source={Database}", "--Salesforce:Resilience:MaxRetries=0"]);

        Assert.Equal($"Configuration error: Salesforce:PrivateKeyPath '{path}' holds a public key, not the private key: " +
                     "give the RSA private key whose certificate is uploaded to the connected app", line);
    }

    [Fact]
    public async Task Run_TwoWorkersStartingTogetherOnANewSqliteFile_OneRunsAndTheOtherRefusesNamingTheDatabase()
    {
        // The winner's first query waits on the emulator's clock, so it still holds the database when the other checks.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { Time = time });
        emulator.Faults.Add(new Fault(FaultKind.Slow, "query") { Delay = TimeSpan.FromMinutes(1) });
        string[] args = ["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=s3cr3t",
            $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", $"--State:ConnectionString=Data Source={Database}"];
        var (firstErr, secondErr) = (new StringWriter(), new StringWriter());

        var first = Task.Run(() => SfBridgeApp.RunAsync(args, firstErr, new StringWriter()));
        var second = Task.Run(() => SfBridgeApp.RunAsync(args, secondErr, new StringWriter()));
        var refused = await await Task.WhenAny(first, second);
        await emulator.Faults.SlowRequestStarted;
        time.Advance(TimeSpan.FromMinutes(2));
        var exits = await Task.WhenAll(first, second);

        Assert.Equal(RunOutcome.ConfigurationError, refused);
        Assert.Equal([RunOutcome.Success, RunOutcome.ConfigurationError], exits.Order());
        var line = Assert.Single((firstErr.ToString() + secondErr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Configuration error: State:ConnectionString: the SQLite database {Database} is in use by another SfBridge worker: process {Environment.ProcessId}",
            line, StringComparison.Ordinal);
        Assert.Equal(StateSchema.Latest, Convert.ToInt32(Assert.Single(await QueryAsync("SELECT MAX(version) FROM schema_version"))[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Run_MappingsWithoutAnyPack_IsRefusedAtStartUp()
    {
        var mappings = MappingsCopy.With("packs.csv", text => string.Join('\n', text.Split('\n').Where(l => l.StartsWith('#') || l.StartsWith("match,", StringComparison.Ordinal))));
        try
        {
            var line = await OneLineAsync(Run($"--Mappings:Path={mappings}", $"--State:ConnectionString=Data Source={Database}"));

            Assert.Contains("packs.csv: defines no pack match: no case would ever be judged", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(mappings, recursive: true);
        }
    }

    private async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
