namespace SfBridge.Tests.Fixtures;

/// <summary>
/// Debian's Chromium run headless on a local file (scripts/test-tools.sh installs it): the DOM after layout and scripts,
/// or a screenshot. Each run gets a new empty profile; background networking is off, so nothing leaves the machine.
/// </summary>
public static class HeadlessChromium
{
    public const string Program = "chromium";

    /// <summary>The page's DOM as Chromium serialises it once the page loaded and its scripts ran (virtual time, no waiting).</summary>
    public static async Task<string> DumpDomAsync(string htmlFile)
    {
        var (exit, output) = await RunAsync(htmlFile, "--virtual-time-budget=5000", "--dump-dom");
        Assert.True(exit == 0, $"chromium --dump-dom exited {exit}: {output}");
        return output;
    }

    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height)
    {
        var (exit, output) = await RunAsync(htmlFile, "--hide-scrollbars", $"--window-size={width},{height}", $"--screenshot={pngFile}");
        Assert.True(exit == 0 && File.Exists(pngFile), $"chromium --screenshot exited {exit}: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string htmlFile, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("sfbridge-chromium-").FullName;
        try
        {
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, .. extra,
                new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
            ];
            // Standard output alone: Chromium writes its own noise (D-Bus, GPU) to standard error.
            var result = await ExternalTool.RunAsync(ExternalTool.Find(Program)!, args, timeout: TimeSpan.FromMinutes(1), standardErrorToo: false);
            return result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
