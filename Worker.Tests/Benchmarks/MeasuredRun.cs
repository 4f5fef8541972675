using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SfBridge.Tests.Benchmarks;

/// <summary>How a worker process ended: exit code (-1 when it had to be killed), wall time, its last log lines, peak RSS if read.</summary>
internal sealed record WorkerRun(int ExitCode, bool TimedOut, TimeSpan Wall, IReadOnlyList<string> LogTail, double? PeakRssMb)
{
    /// <summary>The machine's 1-minute load average when the run started and when it ended (other work on the machine).</summary>
    public string Load { get; init; } = "";
}

/// <summary>Starts the worker (or GNU time around it) with its output in a log file, bounded by a timeout; can stop it with SIGTERM.</summary>
internal static partial class MeasuredRun
{
    public static async Task<WorkerRun> RunAsync(IReadOnlyList<string> command, string logPath, TimeSpan timeout, DateTimeOffset? stopAt)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        var loadBefore = LoadAverage();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        await using var log = new StreamWriter(logPath);
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        double? peak = null;
        var timedOut = false;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            if (stopAt is { } at)
            {
                var wait = at - DateTimeOffset.UtcNow;
                await Task.WhenAny(process.WaitForExitAsync(deadline.Token), Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, deadline.Token));
                if (!process.HasExited)
                {
                    peak = PeakRssMb(process.Id);
                    await Terminate(process.Id); // a service stops on SIGTERM, as under systemd
                }
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.WaitForExit(); // drains the redirected output
        clock.Stop();
        lock (gate)
        {
            log.Flush();
        }

        var tail = File.ReadLines(logPath).TakeLast(8).Select(l => l.Length > 400 ? l[..400] : l).ToList();
        return new WorkerRun(timedOut ? -1 : process.ExitCode, timedOut, clock.Elapsed, tail, peak) { Load = $"{loadBefore} → {LoadAverage()}" };
    }

    /// <summary>GNU time's "Maximum resident set size (kbytes)", in MB.</summary>
    public static double? MaxRssMb(string timeOutput) =>
        MaxRss().Match(timeOutput) is { Success: true } m ? Math.Round(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0) : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>VmHWM of a running process (its peak RSS so far), in MB.</summary>
    private static double? PeakRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : Math.Round(long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();

    private static async Task Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -TERM {pid}" } })!;
        await kill.WaitForExitAsync();
    }
}
