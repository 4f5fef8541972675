using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SfBridge.Tests.Fixtures;

/// <summary>
/// The worker as its own process (the SfBridge.dll built next to the tests), for what only a whole process shows: its
/// console log and its exit code. Waits a bounded time; a worker still running then is killed and the test fails.
/// </summary>
public static class WorkerProcess
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(WorkerDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SfBridge {string.Join(' ', args)} still running after {timeout}");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The worker as its own project built it (Worker/bin/&lt;configuration&gt;/net10.0): the copy next to the tests lacks the
    /// assemblies the test project takes from the ASP.NET Core shared framework, which the worker does not reference.
    /// </summary>
    internal static string WorkerDll()
    {
        var target = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepoPaths.Root, "Worker", "bin", target.Parent!.Name, target.Name, "SfBridge.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the worker first (dotnet build SfBridge.sln)", path);
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
