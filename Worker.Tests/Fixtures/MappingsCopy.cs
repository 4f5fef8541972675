namespace SfBridge.Tests.Fixtures;

/// <summary>A throwaway copy of the shipped mappings/ with one file edited, for tests of a changed setting.</summary>
public static class MappingsCopy
{
    public static string With(string file, Func<string, string> edit)
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-mappings-").FullName;
        foreach (var source in Directory.GetFiles(Path.Combine(RepoPaths.Root, "mappings")))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        var path = Path.Combine(folder, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return folder;
    }
}
