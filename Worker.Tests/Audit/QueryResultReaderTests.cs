using System.Text;
using System.Text.Json.Nodes;
using SfBridge.Snapshots;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>
/// Case.json is streamed record by record through a window far smaller than the file: every record must come out
/// exactly as a whole-file parse reads it, wherever the window's edges fall, and every flaw must still be one
/// InvalidDataException naming the file.
/// </summary>
public sealed class QueryResultReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfb-qrr-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManyRecords_SomeLargerThanTheWindow_ComeOutAsAWholeFileParseReadsThem(bool envelope)
    {
        var random = new Random(7);
        var records = new JsonArray();
        for (var i = 0; i < 3_000; i++)
        {
            // Text of varying length, accents and escapes, so records straddle the window's edges at every kind of token;
            // every 500th record is larger than the 64 KB window by itself.
            var text = string.Concat(Enumerable.Range(0, i % 500 == 0 ? 9_000 : random.Next(1, 60)).Select(j => j % 7 == 0 ? "ação \"ok\"\n" : "x"));
            records.Add(new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = "Case" },
                ["Id"] = $"500{i:D15}",
                ["Subject"] = text,
                ["CaseComments"] = new JsonObject { ["records"] = new JsonArray(new JsonObject { ["CommentBody"] = text }) },
                ["IsClosed"] = i % 2 == 0,
            });
        }

        var result = new JsonObject { ["totalSize"] = records.Count, ["done"] = true, ["records"] = records };
        var json = envelope ? new JsonObject { ["status"] = 0, ["result"] = result, ["warnings"] = new JsonArray("w") }.ToJsonString() : result.ToJsonString();
        var path = Write(json);

        var streamed = QueryResultReader.Records(path).Select(r => r.ToJsonString()).ToList();

        var expected = (JsonNode.Parse(json)!.AsObject() is var root && envelope ? root["result"]! : root)["records"]!.AsArray().Select(r => r!.ToJsonString()).ToList();
        Assert.Equal(expected.Count, streamed.Count);
        Assert.Equal(expected, streamed);
    }

    [Fact]
    public void TheSampleOrg_StreamsTheSameCasesAsItsFile()
    {
        var path = Path.Combine(RepoPaths.SampleOrg, "Case.json");
        var expected = JsonNode.Parse(File.ReadAllText(path))!["records"]!.AsArray().Select(r => r!.ToJsonString());

        Assert.Equal(expected, QueryResultReader.Records(path).Select(r => r.ToJsonString()));
    }

    [Fact]
    public void Utf16WithItsByteOrderMark_IsRead()
    {
        var path = Path.Combine(_folder, "Case.json");
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"records":[{"Id":"500000000000001AAA","Subject":"Não"}]}""")]);

        Assert.Equal("Não", Assert.Single(QueryResultReader.Records(path))["Subject"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"records":[{"Id":"1"}]} x""", "invalid JSON")]
    [InlineData("""{"records":[{"Id":"1"}],"records":[]}""", "the property 'records' appears twice")]
    [InlineData("""{"records":[{"Id":"1"},""", "invalid JSON")]
    [InlineData("""{"records":[{"Id":"1"}, 5]}""", "records[1] is not an object")]
    [InlineData("""{"totalSize":0,"done":true}""", "not a query result")]
    [InlineData("""{"totalSize":4000,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-2000","records":[{"Id":"1"}]}""",
        "the query result is cut short (\"done\": false): save every page (nextRecordsUrl) into the file")]
    [InlineData("""{"status":0,"result":{"records":[{"Id":"1"}],"done":false}}""", "the query result is cut short")]
    [InlineData("""[{"Id":"1"}]""", "not a query result")]
    [InlineData("""{"records":[{"Id":"1","Id":"2"}]}""", "records[0]: invalid JSON: Duplicate property 'Id'")]
    [InlineData("""{"records":[{"Id":"1",}]}""", "invalid JSON at line 1")]
    [InlineData("""{"records":[{"Id":"1"},{"Id":"2","Owner":{"Name":"a","Id":"3","Name":"b"}}]}""", "records[1]: invalid JSON: Duplicate property 'Name'")]
    [InlineData("""{"records":[{"Id":"1","CaseComments":{"records":[{"Id":"2"},{"Id":"3","CommentBody":"a","IsPublished":true,"CommentBody":"b"}]}}]}""",
        "records[0]: invalid JSON: Duplicate property 'CommentBody'")]
    [InlineData("""{"records":[{"Id":"1","\u0049d":"2"}]}""", "records[0]: invalid JSON: Duplicate property 'Id'")]
    [InlineData("""{"records":[{"A":{"B":{"C":1}},"D":[{"E":1},{"E":2,"F":{},"E":3}]}]}""", "records[0]: invalid JSON: Duplicate property 'E'")]
    public void AFlaw_IsOneInvalidDataExceptionNamingTheFile(string json, string expected)
    {
        var path = Write(json);

        var ex = Assert.Throws<InvalidDataException>(() => QueryResultReader.Records(path).ToList());
        var fromTapes = Assert.Throws<InvalidDataException>(() => QueryResultReader.Tapes(path).Count());

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, fromTapes.Message);
    }

    /// <summary>
    /// Names are unique per object: the same name in a parent and its children, in sibling records, in sibling objects
    /// and after an object closes is not a property named twice; a record whose names carry escapes is still read.
    /// </summary>
    [Fact]
    public void TheSameNameInDifferentObjects_IsNotANameGivenTwice()
    {
        var path = Write("""
            {"records":[
              {"Id":"1","Owner":{"Id":"2","Name":"a"},"Name":"x","CaseComments":{"records":[{"Id":"3","Name":"c"},{"Id":"4","Name":"d"}]},"Id2":"e"},
              {"Id":"5","A":{"B":{"Id":"6"},"Id":"7"},"B":{"Id":"8"},"\u004Eame":"y"}
            ]}
            """);

        var records = QueryResultReader.Records(path).Select(r => r.ToJsonString()).ToList();
        var tapes = QueryResultReader.Tapes(path).Select(t => t.Root.GetRawText()).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal(records.Select(r => JsonNode.Parse(r)!.ToJsonString()), tapes.Select(t => JsonNode.Parse(t)!.ToJsonString()));
        Assert.Equal("y", JsonNode.Parse(tapes[1])!["Name"]!.GetValue<string>());
    }

    [Fact]
    public void AByteThatIsNotUtf8_IsNamedWithItsOffset()
    {
        var path = Path.Combine(_folder, "Case.json");
        var prefix = Encoding.UTF8.GetBytes("""{"records":[{"Id":"1","Subject":"a""");
        File.WriteAllBytes(path, [.. prefix, 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}]}")]);

        var ex = Assert.Throws<InvalidDataException>(() => QueryResultReader.Records(path).ToList());

        Assert.Equal($"{path}: not UTF-8 text (invalid byte at offset {prefix.Length})", ex.Message);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "Case.json");
        File.WriteAllText(path, json, new UTF8Encoding(false));
        return path;
    }
}
