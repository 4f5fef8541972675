using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SfBridge.Snapshots;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// Reading a snapshot's Case.json of N cases as the audit does (OrgSnapshot.Load, then ReadCases: each record
/// read from its tape, see AuditStream) against a bare JsonDocument.Parse of the same bytes and a walk of every property:
/// the Ratio column is ours / JsonDocument, per file.
/// </summary>
[MemoryDiagnoser]
public class SnapshotIngestBenchmarks
{
    private string _folder = "";
    private string _file = "";

    [Params(10_000, 100_000)]
    public int Cases { get; set; }

    /// <summary>Accented letters and '+' written as <c>\u00E7</c> and <c>\u002B</c> (System.Text.Json's default writer) instead of as Salesforce writes them.</summary>
    [Params(false, true)]
    public bool Escaped { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("sfbridge-bench-snapshot-").FullName;
        _file = Path.Combine(_folder, "Case.json");
        File.WriteAllBytes(_file, CaseRecords.QueryResult(CaseRecords.Generate(Cases), Escaped));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public long JsonDocumentWalk()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(_file));
        return Walk(document.RootElement);
    }

    [Benchmark]
    public int SnapshotReader()
    {
        var snapshot = OrgSnapshot.Load(_folder);
        var read = 0;
        foreach (var c in snapshot.ReadCases(Scenario.Policy.Fields))
        {
            read += c.Case is null ? 0 : 1;
        }

        return read;
    }

    /// <summary>The reader alone: each record read onto its tape, nothing made of it.</summary>
    [Benchmark]
    public int ReaderOnly()
    {
        var read = 0;
        foreach (var t in QueryResultReader.Tapes(_file))
        {
            read += (int)t.Root.ValueKind;
        }

        return read;
    }

    private static long Walk(JsonElement element)
    {
        long seen = 1;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    seen += Walk(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    seen += Walk(item);
                }

                break;
        }

        return seen;
    }
}
