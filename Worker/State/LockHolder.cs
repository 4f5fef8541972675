using System.Globalization;

namespace SfBridge.State;

/// <summary>Who holds a lock file, for the message a second worker prints (Linux: the process with it open).</summary>
internal static class LockHolder
{
    /// <summary>The sharing violation FileShare.None reports: EWOULDBLOCK on Linux (11) and macOS (35), ERROR_SHARING_VIOLATION on Windows.</summary>
    public static bool IsHeld(IOException ex) => ex.HResult is 11 or 35 or unchecked((int)0x80070020);

    /// <summary>"process 1234 (SfBridge)" for the process that has <paramref name="path"/> open, or null when it cannot be told.</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        try
        {
            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Holds(process, full))
                {
                    continue;
                }

                var name = TryRead(Path.Combine(process, "comm"))?.Trim();
                return $"process {pid.ToString(CultureInfo.InvariantCulture)}" + (string.IsNullOrEmpty(name) ? "" : $" ({name})");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // /proc unreadable: the holder stays unnamed.
        }

        return null;
    }

    private static bool Holds(string process, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // another user's process, or one that just exited
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
