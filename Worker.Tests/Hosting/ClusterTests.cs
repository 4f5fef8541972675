using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>
/// Two worker processes on one PostgreSQL state database, clustered through Quartz's job store, against the emulator
/// with faults: each job fire runs on one worker, a worker killed mid-cycle is taken over, and every alert reaches
/// Chatter exactly once.
/// </summary>
public sealed partial class ClusterTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Checkin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<Process> _workers = [];
    private string _database = "";
    private string _mappings = "";

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        // The test runs at any hour: every rule mentions as usual off-shift, and no team summary goes to a group the org lacks.
        _mappings = MappingsCopy.With("rules.csv", text => OffShift().Replace(text, ",mention"));
        File.Delete(Path.Combine(_mappings, "summaries.csv"));
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers.Where(w => !w.HasExited))
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await PostgresDatabase.DropAsync(_database);
        Directory.Delete(_mappings, recursive: true);
    }

    private Process Start(string instance, string loginUrl)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[]
                 {
                     Path.Combine(RepoPaths.WorkerOutput, "SfBridge.dll"), "run",
                     $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal",
                     "--Salesforce:ApiCallFloor=0", "--Salesforce:Resilience:BaseDelay=00:00:00",
                     "--State:Provider=postgres", $"--State:ConnectionString={PostgresDatabase.ConnectionString(_database)}",
                     "--Cluster:Enabled=true", $"--Cluster:InstanceId={instance}", $"--Cluster:CheckinInterval={Checkin}",
                     "--Jobs:CaseSync:Interval=00:00:05", "--Jobs:OmniChannelSync:Interval=00:00:05", "--Jobs:SlaSweep:Interval=00:00:05",
                     "--Jobs:AlertDispatch:Interval=00:00:05", "--Alerts:RepostGrace=00:00:30", "--Alerts:FirstStartBaseline=false", $"--Mappings:Path={_mappings}", "--Health:Url=",
                     "--Logging:Format=json",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add(process);
        return process;
    }

    private async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresDatabase.ConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<object?[]>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // not migrated yet
        }

        return rows;
    }

    private async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited {Patience} for {what}");
    }

    [Fact]
    public async Task TwoWorkersOnOnePostgres_EachFireRunsOnce_AKilledWorkerIsTakenOver_AndEveryAlertIsPostedOnce()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        // Salesforce has a bad day: Chatter answers 503 twice, and one post is made but its answer is lost.
        emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "chatter-batch", Times: 2));
        emulator.Faults.Add(new Fault(FaultKind.ResponseLost, "chatter-post"));
        var workers = new Dictionary<string, Process> { ["worker-a"] = Start("worker-a", emulator.BaseUrl), ["worker-b"] = Start("worker-b", emulator.BaseUrl) };

        // Both join the cluster, and the first cycle's alerts go out.
        await WaitForAsync(async () => (await QueryAsync("SELECT COUNT(*) FROM alerts WHERE state = 'sent'")) is [[long n]] && n > 0 ? (object)n : null, "the first alerts");
        await WaitForAsync(async () => (await QueryAsync("SELECT COUNT(*) FROM qrtz_scheduler_state")) is [[long n]] && n == 2 ? (object)n : null, "both workers checked in");
        await WaitForAsync(async () => (await QueryAsync("SELECT COUNT(DISTINCT instance) FROM runs WHERE fire_id IS NOT NULL")) is [[long n]] && n == 2 ? (object)n : null,
            "both workers running jobs");

        // A sync is held mid-request; the worker running it is killed.
        emulator.Faults.Add(new Fault(FaultKind.Slow, "query"));
        await emulator.Faults.SlowRequestStarted;
        var held = await WaitForAsync(async () =>
        {
            const string executing = "SELECT instance_name, job_name, entry_id FROM qrtz_fired_triggers WHERE state = 'EXECUTING'";
            var first = (await QueryAsync(executing)).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var still = (await QueryAsync(executing)).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).Intersect(first).ToList();
            // The job making the held request stays executing; a job waiting behind it on the same worker does too.
            return still.Count > 0 ? new[] { still[0].Item1, still[0].Item2 } : null;
        }, "the held job");
        var (victim, job) = (held[0], held[1]);
        var killedAt = DateTimeOffset.UtcNow;
        workers[victim].Kill();
        await workers[victim].WaitForExitAsync();
        var survivor = workers.Keys.Single(k => k != victim);

        // The survivor runs the killed worker's job.
        var takenOver = await WaitForAsync(async () => (await QueryAsync($"SELECT started_at FROM runs WHERE job = '{job}' AND instance = '{survivor}' ORDER BY seq DESC LIMIT 1"))
            .Select(r => DateTimeOffset.Parse((string)r[0]!, CultureInfo.InvariantCulture)).Where(at => at > killedAt).Cast<DateTimeOffset?>().FirstOrDefault(), "the take-over");

        // Every alert reaches a final state.
        await WaitForAsync(async () => (await QueryAsync("SELECT COUNT(*) FROM alerts WHERE state IN ('pending', 'sending')")) is [[0L]] ? (object)true : null, "the outbox to drain");

        var runs = await QueryAsync("SELECT job, instance, fire_id FROM runs WHERE fire_id IS NOT NULL");
        var sent = (await QueryAsync("SELECT reference, case_id FROM alerts WHERE state = 'sent'")).Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        var findings = (await QueryAsync("SELECT COUNT(*) FROM findings"))[0][0];
        var unsent = await QueryAsync("SELECT a.reference, a.state, a.last_error FROM alerts a WHERE a.purpose = 'breach' AND a.state NOT IN ('sent', 'withdrawn')");
        var posted = sent.Select(a => a.Item2).Distinct().SelectMany(c => emulator.Feed(c)).Select(p => p["body"]!["text"]!.GetValue<string>()).ToList();

        // Every fire ran once, on exactly one worker (a wake-up fire of the sweep also posts what is due, under the same fire).
        Assert.DoesNotContain(runs.GroupBy(r => ((string)r[0]!, (string)r[2]!)), g => g.Count() > 1);
        Assert.DoesNotContain(runs.GroupBy(r => (string)r[2]!), g => g.Select(r => r[1]).Distinct().Count() > 1);
        Assert.Equal(["worker-a", "worker-b"], runs.Select(r => (string)r[1]!).Distinct().Order()); // the workers shared the jobs
        var takeover = takenOver!.Value - killedAt;
        output.WriteLine($"{victim} killed during {job}; {survivor} ran it {takeover.TotalSeconds:0.0} s later; {sent.Count} alerts sent once each, {runs.Count} runs");
        Assert.True(takeover < 3 * Checkin + TimeSpan.FromSeconds(6), $"taken over after {takeover.TotalSeconds:0.0} s");
        Assert.True(sent.Count >= 30, $"{sent.Count} alerts sent for {findings} findings");
        Assert.Empty(unsent);
        foreach (var (reference, _) in sent)
        {
            Assert.Equal(1, posted.Count(text => text.Contains($"[{reference}]", StringComparison.Ordinal))); // each alert in Chatter exactly once
        }
    }

    private string[] Arguments(string loginUrl, params string[] extra) =>
    [
        $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal", "--Salesforce:ApiCallFloor=0",
        "--State:Provider=postgres", $"--State:ConnectionString={PostgresDatabase.ConnectionString(_database)}", $"--Mappings:Path={_mappings}", "--Health:Url=",
        .. extra,
    ];

    [Fact]
    public async Task SecondWorkerOnOnePostgres_WithoutClustering_IsRefusedWithOneLine()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        using var first = SfBridge.Hosting.SfBridgeApp.CreateHost(new SfBridge.Hosting.CommandLine("run", false, new Dictionary<string, string>(), Arguments(emulator.BaseUrl)));
        await first.StartAsync();
        try
        {
            var stderr = new StringWriter();
            var exit = await SfBridge.Hosting.SfBridgeApp.RunAsync(["run", "--once", .. Arguments(emulator.BaseUrl)], stderr);

            Assert.Equal(SfBridge.Hosting.RunOutcome.ConfigurationError, exit);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Configuration error: State:ConnectionString: another SfBridge worker is already using this PostgreSQL state database", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", line, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await first.StopAsync();
        }
    }

    [Fact]
    public async Task ClusterOnSqlite_IsAConfigurationError()
    {
        var stderr = new StringWriter();

        var exit = await SfBridge.Hosting.SfBridgeApp.RunAsync(
            ["run", "--Cluster:Enabled=true", "--Salesforce:LoginUrl=https://login.salesforce.com", "--Salesforce:ClientId=a", "--Salesforce:ClientSecret=b", "--Health:Url="], stderr);

        Assert.Equal(SfBridge.Hosting.RunOutcome.ConfigurationError, exit);
        Assert.Contains("Configuration error: Cluster:Enabled=true needs State:Provider=postgres", stderr.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(",wait$", RegexOptions.Multiline)]
    private static partial Regex OffShift();
}
