using SfBridge.Hosting;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>
/// Inputs that scripts/fuzz.sh found crashing the audit's snapshot reader, kept byte for byte under Fixtures/Fuzz/: each
/// must now end as bad input (exit code 4, one line naming the file), never as an unhandled exception.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private const string Now = "2026-03-03T14:00:00-03:00";
    private static readonly string Mappings = Path.Combine(RepoPaths.Root, "mappings");
    private readonly string _folder = Directory.CreateTempSubdirectory("sfbridge-fuzz-regression-").FullName;

    [Fact]
    public async Task Audit_GarOrderWithAPropertyTwice_IsBadInputNamingTheLine()
    {
        // Found by the fuzzer: JsonNode parsed the file and threw ArgumentException ("An item with the same key has
        // already been added. Key: orderNumber") on the order's first lookup, an unhandled exception (exit 134).
        var gar = UseFixture("snapshot-gar-duplicate-property", "Gar.json");

        var (exit, errors) = await AuditAsync();

        Assert.Equal(4, exit);
        Assert.Equal($"{gar}: invalid JSON: Duplicate property 'orderNumber' encountered during deserialization", errors.Trim());
    }

    [Fact]
    public async Task Audit_CaseWithAFieldTwice_IsBadInputNamingTheFile()
    {
        // The same flaw in a query result: which of two Status values would the rules judge?
        var path = Path.Combine(_folder, "Case.json");
        CopySample();
        await File.WriteAllTextAsync(path, """
            {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Case"},"Id":"500000000000001AAA","Status":"New","Status":"Closed"}]}
            """);

        var (exit, errors) = await AuditAsync();

        Assert.Equal(4, exit);
        Assert.Equal($"{path}: records[0]: invalid JSON: Duplicate property 'Status' encountered during deserialization", errors.Trim());
    }

    private async Task<(int Exit, string Err)> AuditAsync()
    {
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(["audit", "--input", _folder, "--now", Now, "--mappings", Mappings], stderr, new StringWriter());
        return (exit, stderr.ToString());
    }

    /// <summary>The sample org with one file replaced by a fuzz finding; returns the replaced file's path.</summary>
    private string UseFixture(string finding, string file)
    {
        CopySample();
        var path = Path.Combine(_folder, file);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Fuzz", finding, file), path, overwrite: true);
        return path;
    }

    private void CopySample()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)), overwrite: true);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
