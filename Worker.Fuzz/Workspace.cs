using System.Text;
using System.Text.Json.Nodes;

namespace SfBridge.Fuzz;

/// <summary>A private copy of a folder in which one file at a time is replaced by the fuzz input.</summary>
internal sealed class Workspace
{
    private readonly string[] _names;
    private readonly Dictionary<string, byte[]> _originals;

    public Workspace(string source, string pattern)
    {
        Folder = Directory.CreateTempSubdirectory("sfbridge-fuzz-").FullName;
        _names = Names(source, pattern);
        _originals = _names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(source, n)));
        foreach (var (name, bytes) in _originals)
        {
            File.WriteAllBytes(Path.Combine(Folder, name), bytes);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);
    }

    public string Folder { get; }

    /// <summary>Writes the input over the file its first byte picks; returns that file's name.</summary>
    public string Apply(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var name = bytes.Length == 0 ? _names[0] : _names[bytes[0] % _names.Length];
        File.WriteAllBytes(Path.Combine(Folder, name), bytes.Length == 0 ? [] : bytes[1..]);
        return name;
    }

    public void Restore(string name) => File.WriteAllBytes(Path.Combine(Folder, name), _originals[name]);

    /// <summary>One input per file: its index, then its content (a large query result is cut to its first three records).</summary>
    public static void Seed(string source, string pattern, string output)
    {
        Directory.CreateDirectory(output);
        var names = Names(source, pattern);
        for (var i = 0; i < names.Length; i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(source, names[i]));
            if (bytes.Length > 8192 && JsonNode.Parse(bytes) is JsonObject { } root && root["records"] is JsonArray records)
            {
                while (records.Count > 3)
                {
                    records.RemoveAt(records.Count - 1);
                }

                root["totalSize"] = 3;
                bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            File.WriteAllBytes(Path.Combine(output, Path.GetFileNameWithoutExtension(names[i])), [(byte)i, .. bytes]);
        }
    }

    private static string[] Names(string source, string pattern) =>
        Directory.GetFiles(source, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
}
