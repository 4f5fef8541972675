using System.Text.Json.Nodes;
using SfBridge.Audit;
using SfBridge.Mappings;
using SfBridge.Snapshots;
using SharpFuzz;

namespace SfBridge.Fuzz;

/// <summary>
/// Fuzz targets for the two readers of files an operator hands to SfBridge (scripts/fuzz.sh runs them under afl-fuzz):
/// <c>mappings SOURCE_DIR</c> feeds MappingLoader.Load and <c>snapshot SOURCE_DIR MAPPINGS_DIR</c> feeds the audit path
/// (OrgSnapshot.Load, then AuditRun.Evaluate). An input's first byte picks which file of a copy of SOURCE_DIR it replaces,
/// the rest is that file's content. Bad input must end the way the product reports it (a MappingError list, an
/// <see cref="InvalidDataException"/>); any other exception escapes and afl-fuzz saves the input as a crash.
/// <c>seed TARGET SOURCE_DIR OUT_DIR</c> writes one starting input per file. Without afl-fuzz a target runs once on
/// standard input, which replays a saved crash.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["mappings", var source]:
                Run(new Workspace(source, "*.csv"), (folder, _) => MappingLoader.Load(folder));
                return 0;
            case ["snapshot", var source, var mappings]:
                // Instrumented code may only run inside the fuzz loop (its coverage map exists from then on): the policy loads on the first input.
                Policy? policy = null;
                var now = new DateTimeOffset(2026, 3, 3, 17, 0, 0, TimeSpan.Zero);
                Run(new Workspace(source, "*.json"), (folder, _) => Audit(folder,
                    policy ??= MappingLoader.Load(mappings).Policy ?? throw new InvalidOperationException($"{mappings}: the mappings do not load"), now));
                return 0;
            case ["seed", "mappings", var source, var output]:
                Workspace.Seed(source, "*.csv", output);
                return 0;
            case ["seed", "snapshot", var source, var output]:
                Workspace.Seed(source, "*.json", output);
                return 0;
            default:
                Console.Error.WriteLine("usage: Worker.Fuzz mappings SOURCE_DIR | snapshot SOURCE_DIR MAPPINGS_DIR | seed mappings|snapshot SOURCE_DIR OUT_DIR");
                return 2;
        }
    }

    private static void Run(Workspace workspace, Action<string, string> target) =>
        Fuzzer.OutOfProcess.Run(stream =>
        {
            var file = workspace.Apply(stream);
            try
            {
                target(workspace.Folder, file);
            }
            finally
            {
                workspace.Restore(file);
            }
        });

    private static void Audit(string folder, Policy policy, DateTimeOffset now)
    {
        AuditResult result;
        try
        {
            result = AuditRun.Evaluate(OrgSnapshot.Load(folder), policy, now);
        }
        catch (InvalidDataException)
        {
            return; // the audit's bad-input path: one line on standard error, exit code 4
        }

        // The engine quarantines a case whose evaluation throws rather than stop the run; for the fuzzer that is still a bug.
        if (result.Quarantined.FirstOrDefault(q => q.Reason.StartsWith("evaluation failed", StringComparison.Ordinal)) is { } failed)
        {
            throw new InvalidOperationException($"Case {failed.Id}: {failed.Reason}");
        }
    }
}

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
                bytes = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            File.WriteAllBytes(Path.Combine(output, Path.GetFileNameWithoutExtension(names[i])), [(byte)i, .. bytes]);
        }
    }

    private static string[] Names(string source, string pattern) =>
        Directory.GetFiles(source, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
}
