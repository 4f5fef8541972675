using System.Diagnostics;

namespace SfBridge.Tests.Fixtures;

/// <summary>Programs outside .NET that some tests run (a linter, systemd-analyze, the project's scripts), with a bounded wait.</summary>
public static class ExternalTool
{
    /// <summary>Where scripts/test-tools.sh installs npm tools (SFBRIDGE_TOOLS, default ~/.cache/sfbridge-tools).</summary>
    public static string ToolCache { get; } = Environment.GetEnvironmentVariable("SFBRIDGE_TOOLS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "sfbridge-tools");

    /// <summary>The program's path on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the program to its end; standard output then (unless <paramref name="standardErrorToo"/> is false) standard error, trimmed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, bool standardErrorToo = true)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        using var cancel = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {limit}");
        }

        return (process.ExitCode, ((await stdout) + (standardErrorToo ? await stderr : "")).Trim());
    }
}
