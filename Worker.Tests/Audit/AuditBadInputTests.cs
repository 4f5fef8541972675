using System.Text;
using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>
/// audit and explain on snapshots that are not what they should be: bad input is exit code 4 and one line naming the
/// file, never an unhandled exception. The sample org is mutated in many ways, from a fixed seed.
/// </summary>
public sealed class AuditBadInputTests : IDisposable
{
    private const string Now = "2026-03-03T14:00:00-03:00";
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");
    private readonly string _folder = Directory.CreateTempSubdirectory("sfbridge-fuzz-").FullName;

    private static async Task<(int Exit, string Err)> RunAsync(params string[] args)
    {
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(args, stderr, new StringWriter());
        return (exit, stderr.ToString());
    }

    [Fact]
    public async Task Audit_FolderWithoutCaseJson_IsBadInputNamingCaseJson()
    {
        // Reproduced: "0 findings", exit 0, as if the org had no cases at all.
        CopySample();
        File.Delete(Path.Combine(_folder, "Case.json"));

        var (exit, errors) = await RunAsync("audit", "--input", _folder, "--now", Now, "--mappings", Mappings);

        Assert.Equal(4, exit);
        Assert.Equal($"{Path.Combine(_folder, "Case.json")}: missing; a snapshot needs Case.json (a query result, even one with no records)", errors.Trim());
    }

    [Fact]
    public async Task Audit_EmptyFolder_IsBadInputToo()
    {
        var (exit, errors) = await RunAsync("audit", "--input", _folder, "--now", Now, "--mappings", Mappings);

        Assert.Equal(4, exit);
        Assert.Contains("Case.json: missing", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("User.json", "[]", "not a query result")]
    [InlineData("User.json", "{\"totalSize\":1,\"done\":true,\"records\":[\"x\"]}", "records[0] is not an object")]
    [InlineData("Group.json", "{\"totalSize\":1,\"done\":true,\"records\":{}}", "not a query result")]
    [InlineData("GroupMember.json", "{\"totalSize\":2500,\"done\":false,\"nextRecordsUrl\":\"/x\",\"records\":[]}", "the query result is cut short (\"done\": false)")]
    [InlineData("Gar.json", "[{\"orderNumber\":48377001,\"status\":\"EMITIDO\"}]", "[0].orderNumber must be a string, not Number")]
    [InlineData("Gar.json", "[\"48377001\"]", "[0] is not an object")]
    public async Task Audit_MalformedFile_IsOneLineNamingTheFileAndRecord(string file, string content, string expected)
    {
        CopySample();
        await File.WriteAllTextAsync(Path.Combine(_folder, file), content);

        var (exit, errors) = await RunAsync("audit", "--input", _folder, "--now", Now, "--mappings", Mappings);

        Assert.Equal(4, exit);
        Assert.Equal($"{Path.Combine(_folder, file)}: ", errors.Trim()[..(Path.Combine(_folder, file).Length + 2)]);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WrongTypedFieldOfAUser_IsOneLineNamingFileRecordAndField()
    {
        // Reproduced: FormatException "Field IsActive of User ... is not a boolean" escaped (exit 134).
        CopySample();
        var path = Path.Combine(_folder, "User.json");
        var users = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        users["records"]![0]!["IsActive"] = "talvez";
        await File.WriteAllTextAsync(path, users.ToJsonString());

        var (exit, errors) = await RunAsync("audit", "--input", _folder, "--now", Now, "--mappings", Mappings);

        Assert.Equal(4, exit);
        Assert.Equal($"{path}: Field IsActive of User {users["records"]![0]!["Id"]} is not a boolean", errors.Trim());
    }

    [Fact]
    public async Task Audit_InvalidUtf8_IsReportedNotReplacedSilently()
    {
        CopySample();
        var path = Path.Combine(_folder, "Case.json");
        var bytes = (await File.ReadAllBytesAsync(path)).ToList();
        var at = bytes.IndexOf((byte)'"', 200);
        bytes.InsertRange(at + 1, new byte[] { 0xC3, 0x28 }); // a lead byte without its continuation
        await File.WriteAllBytesAsync(path, bytes.ToArray());

        var (exit, errors) = await RunAsync("audit", "--input", _folder, "--now", Now, "--mappings", Mappings);

        Assert.Equal(4, exit);
        Assert.Equal($"{path}: not UTF-8 text (invalid byte at offset {at + 1})", errors.Trim());
    }

    [Fact]
    public async Task AuditAndExplain_MutatedSampleOrg_ExitZeroOrFour_NeverAnUnhandledException()
    {
        var random = new Random(20260303);
        var problems = new List<string>();
        var runs = 0;
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            foreach (var (mutation, content) in Mutations(await File.ReadAllBytesAsync(file), random))
            {
                CopySample();
                await File.WriteAllBytesAsync(Path.Combine(_folder, name), content);
                var explain = runs % 4 == 0;
                runs++;
                string[] args = explain
                    ? ["explain", "--case", "00001002", "--input", _folder, "--now", Now, "--mappings", Mappings]
                    : ["audit", "--input", _folder, "--now", Now, "--mappings", Mappings];
                int exit;
                string errors;
                try
                {
                    (exit, errors) = await RunAsync(args);
                }
                catch (Exception ex)
                {
                    problems.Add($"{name} {mutation}: {args[0]} threw {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (exit == 4 && (lines.Length != 1 || !lines[0].Contains(name, StringComparison.Ordinal)))
                {
                    problems.Add($"{name} {mutation}: {args[0]} exit 4 with {lines.Length} lines: {errors}");
                }
                else if (exit is not (0 or 4) && !(explain && exit == 5))
                {
                    problems.Add($"{name} {mutation}: {args[0]} exit {exit}: {errors}");
                }
                else if (exit == 0 && lines.Any(l => !l.StartsWith("quarantined Case ", StringComparison.Ordinal)))
                {
                    problems.Add($"{name} {mutation}: {args[0]} exit 0 with: {errors}");
                }
            }
        }

        Assert.True(runs > 350, $"only {runs} runs");
        Assert.True(problems.Count == 0, $"{problems.Count} of {runs} runs:\n" + string.Join('\n', problems));
    }

    /// <summary>Whole-file replacements, truncations, broken encodings, and values of every JSON kind put at random places.</summary>
    private static IEnumerable<(string Mutation, byte[] Content)> Mutations(byte[] original, Random random)
    {
        foreach (var whole in new[] { "", "null", "42", "\"x\"", "[]", "{}", "[1,\"x\",null]", "{\"records\":\"x\"}", "{\"records\":[1]}", "{\"result\":[]}", "{\"records\":[{}]}" })
        {
            yield return ($"replaced by {whole}", Encoding.UTF8.GetBytes(whole));
        }

        for (var i = 0; i < 3; i++)
        {
            var cut = random.Next(1, original.Length);
            yield return ($"cut at byte {cut}", original[..cut]);
        }

        foreach (var bad in new byte[][] { [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80] })
        {
            var at = random.Next(0, original.Length);
            yield return ($"bytes {Convert.ToHexString(bad)} at {at}", [.. original[..at], .. bad, .. original[at..]]);
        }

        yield return ("UTF-16 byte-order mark on UTF-8 text", [0xFF, 0xFE, .. original]);

        JsonValue?[] values = [JsonValue.Create("x"), JsonValue.Create(7), JsonValue.Create(-1.5e300), JsonValue.Create(true), null, JsonValue.Create("2026-13-45T25:61:00Z"),
            JsonValue.Create(new string('z', 5000)), JsonValue.Create("../..\u202E\n")];
        for (var i = 0; i < 16; i++)
        {
            var root = JsonNode.Parse(original)!;
            var nodes = new List<(JsonNode Parent, object Key)>();
            Collect(root, nodes);
            var (parent, key) = nodes[random.Next(nodes.Count)];
            var pick = random.Next(values.Length + 2);
            JsonNode? value = pick < values.Length ? values[pick]?.DeepClone() : pick == values.Length ? new JsonObject { ["a"] = 1 } : new JsonArray(1, "b");
            if (parent is JsonObject o)
            {
                o[(string)key] = value;
            }
            else
            {
                ((JsonArray)parent)[(int)key] = value;
            }

            var shown = value?.ToJsonString() ?? "null";
            yield return ($"{Describe(parent, key)} set to {(shown.Length > 40 ? shown[..40] + "…" : shown)}", Encoding.UTF8.GetBytes(root.ToJsonString()));
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> into)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                into.Add((o, key));
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                into.Add((a, i));
                if (a[i] is { } child)
                {
                    Collect(child, into);
                }
            }
        }
    }

    private static string Describe(JsonNode parent, object key) => $"{parent.GetPath()}{(key is int i ? $"[{i}]" : $".{key}")}";

    private void CopySample()
    {
        foreach (var existing in Directory.GetFiles(_folder))
        {
            File.Delete(existing);
        }

        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
