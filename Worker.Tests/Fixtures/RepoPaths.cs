namespace SfBridge.Tests.Fixtures;

/// <summary>Paths inside the checkout, found from the test binaries by walking up to SfBridge.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleOrg => Path.Combine(Root, "samples", "org");

    /// <summary>The worker's own build output for this test run's configuration (bin/&lt;configuration&gt;/net10.0), runnable on its own.</summary>
    public static string WorkerOutput => Path.Combine(Root, "Worker", "bin", Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SfBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SfBridge.sln not found above " + AppContext.BaseDirectory);
    }
}
