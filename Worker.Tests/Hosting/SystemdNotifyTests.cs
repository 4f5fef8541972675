using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>
/// Type=notify (scripts/sfbridge.service): started as systemd starts a service, the worker says when it is ready and
/// when it stops. Test machines run no systemd, so a shell installed under the name "systemd" is the parent process
/// (which is how .NET recognises a service), and the test listens on NOTIFY_SOCKET as systemd does.
/// </summary>
public sealed class SystemdNotifyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-notify-").FullName;
    private readonly ConcurrentQueue<string> _output = new();

    [Fact]
    public async Task Run_StartedBySystemd_SendsReadyOnceStartedAndStoppingOnSigterm()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var socketPath = Path.Combine(_dir, "notify");
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var worker = StartUnderSystemd(socketPath, emulator.BaseUrl, pid);
        try
        {
            var ready = await ReceiveAsync(notify);
            Assert.True(ready == "READY=1", $"expected READY=1, got {ready ?? "nothing"}; worker output:\n{string.Join('\n', _output)}");

            await ExternalTool.RunAsync("sh", ["-c", $"kill -TERM {await pid.Task.WaitAsync(Patience)}"]);
            var stopping = await ReceiveAsync(notify);
            await worker.WaitForExitAsync().WaitAsync(Patience);

            Assert.Equal("STOPPING=1", stopping);
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>`SfBridge run` as the child of a process named systemd, with NOTIFY_SOCKET set; the shell prints its pid.</summary>
    private Process StartUnderSystemd(string socketPath, string loginUrl, TaskCompletionSource<int> pid)
    {
        var systemd = Path.Combine(_dir, "systemd");
        File.CreateSymbolicLink(systemd, "/bin/sh");
        var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        var info = new ProcessStartInfo(systemd) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "-c", "\"$@\" & echo \"pid $!\"; wait $!", "systemd", dotnet, Path.Combine(RepoPaths.WorkerOutput, "SfBridge.dll"), "run",
                     $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal", "--Salesforce:ApiCallFloor=0",
                     $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", $"--State:ConnectionString=Data Source={Path.Combine(_dir, "state.db")}",
                     "--Health:Url=",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NOTIFY_SOCKET"] = socketPath;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _output.Enqueue(line);
                if (line.StartsWith("pid ", StringComparison.Ordinal))
                {
                    pid.TrySetResult(int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        };
        process.ErrorDataReceived += (_, e) => _output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string?> ReceiveAsync(Socket notify)
    {
        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            var length = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
