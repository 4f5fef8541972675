namespace SfBridge.Tests.Fixtures;

/// <summary>
/// A throwaway copy of the shipped mappings/ with one file edited, for tests of a changed setting. Every copy of a test
/// process lies in one folder of its own, removed when the process ends, so no run leaves copies behind.
/// </summary>
public static class MappingsCopy
{
    private static readonly Lazy<string> Parent = new(() =>
    {
        var parent = Directory.CreateTempSubdirectory("sfbridge-mappings-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(parent, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still open as the process ends: the folder stays, as any temporary folder may.
            }
        };
        return parent;
    });

    public static string With(string file, Func<string, string> edit)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Parent.Value, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var source in Directory.GetFiles(Path.Combine(RepoPaths.Root, "mappings")))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        var path = Path.Combine(folder, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return folder;
    }
}
