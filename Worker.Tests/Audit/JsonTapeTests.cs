using System.Text;
using System.Text.Json;
using SfBridge.Snapshots;

namespace SfBridge.Tests.Audit;

/// <summary>
/// The tape a record is read from: one pass of the reader notes every token, each object's and array's end, and the
/// first name an object gives twice; values come back as a parser gives them.
/// </summary>
public sealed class JsonTapeTests
{
    private static JsonTape Read(string json, bool uniqueNames, out string? duplicate)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var tape = new JsonTape();
        var reader = new Utf8JsonReader(bytes);
        Assert.True(tape.TryRead(ref reader, bytes, uniqueNames, out duplicate));
        return tape;
    }

    private static JsonTape Read(string json) => Read(json, uniqueNames: false, out _);

    [Fact]
    public void AValueCutByTheEndOfTheText_IsReadAgainWithMore()
    {
        const string json = """{"Id":"1","Owner":{"Name":"Ana"},"Items":[1,[2,3],{"A":null}],"Last":true}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var tape = new JsonTape();
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var part = new Utf8JsonReader(bytes.AsSpan(0, cut), isFinalBlock: false, default);
            Assert.False(tape.TryRead(ref part, bytes.AsMemory(0, cut), uniqueNames: true, out _), $"cut at {cut}");
        }

        var whole = new Utf8JsonReader(bytes, isFinalBlock: false, default);
        Assert.True(tape.TryRead(ref whole, bytes, uniqueNames: true, out var duplicate));
        Assert.Null(duplicate);
        Assert.Equal(json, Encoding.UTF8.GetString(tape.RawText));
        Assert.Equal(json, tape.Root.GetRawText());
    }

    [Fact]
    public void PropertiesAndItems_StepOverWhatTheyHold()
    {
        var tape = Read("""{"A":{"X":[1,{"Y":2}],"Z":{}},"B":[[],[{}],"s"],"C":-1.5e3,"D":false,"E":null}""");

        var names = new List<string>();
        var raw = new List<string>();
        foreach (var (name, value) in tape.Root.Properties())
        {
            names.Add(name.GetString());
            raw.Add(value.GetRawText());
        }

        Assert.Equal(["A", "B", "C", "D", "E"], names);
        Assert.Equal(["""{"X":[1,{"Y":2}],"Z":{}}""", """[[],[{}],"s"]""", "-1.5e3", "false", "null"], raw);
        Assert.True(tape.Root.TryGetProperty("B", out var b));
        var items = new List<JsonValueKind>();
        foreach (var item in b.Items())
        {
            items.Add(item.ValueKind);
        }

        Assert.Equal([JsonValueKind.Array, JsonValueKind.Array, JsonValueKind.String], items);
        Assert.False(tape.Root.TryGetProperty("X", out var nested));
        Assert.Equal(JsonValueKind.Undefined, nested.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, default(JsonTapeValue).ValueKind);
    }

    [Fact]
    public void Escapes_AreUndoneInValuesAndNames_AndTheLastOfTwoNamesWins()
    {
        var tape = Read("""{"S\u0075bject":"N\u00e3o \"aspas\" \ud83d\ude00","Subject":"segundo","Id":"500"}""");

        Assert.True(tape.Root.TryGetProperty("Subject"u8, out var subject));
        Assert.Equal("segundo", subject.GetString());
        var first = tape.Root.Properties().GetEnumerator();
        Assert.True(first.MoveNext());
        Assert.True(first.Current.Name.IsEscaped);
        Assert.Equal("Subject", first.Current.Name.GetString());
        Assert.Equal("Não \"aspas\" 😀", first.Current.Value.GetString());
        Assert.Equal(JsonDocument.Parse(tape.Root.GetRawText()).RootElement.GetProperty("Subject").GetString(), subject.GetString());
    }

    [Theory]
    [InlineData("""{"Id":"1","Id":"2"}""", "Id")]
    [InlineData("""{"Id":"1","\u0049d":"2"}""", "Id")]
    [InlineData("""{"\u0049d":"1","I\u0064":"2"}""", "Id")]
    [InlineData("""{"A":{"B":1},"C":[{"D":1,"E":{"D":2},"D":3}]}""", "D")]
    [InlineData("""{"A":{"B":1,"B":2},"A":3}""", "B")]
    [InlineData("""{"A":1,"B":{"A":2},"C":[{"A":3},{"A":4}],"D":{"B":{"A":5}}}""", null)]
    public void ANameGivenTwiceInOneObject_IsTheDuplicate(string json, string? expected)
    {
        Read(json, uniqueNames: true, out var duplicate);

        Assert.Equal(expected, duplicate);
    }

    [Fact]
    public void AnObjectOfManyNames_FindsTheOneGivenTwice()
    {
        var names = Enumerable.Range(0, 600).Select(i => $"Campo_{i}__c").ToList();
        var distinct = "{" + string.Join(",", names.Select(n => $"\"{n}\":1")) + "}";
        var twice = "{" + string.Join(",", names.Append("Campo_417__c").Select(n => $"\"{n}\":1")) + "}";

        Read(distinct, uniqueNames: true, out var none);
        Read(twice, uniqueNames: true, out var found);

        Assert.Null(none);
        Assert.Equal("Campo_417__c", found);
    }

    [Fact]
    public void AFlawAfterANameGivenTwice_IsWhatTheReaderReports()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"A":1,"A":2,}""");
        var tape = new JsonTape();

        Assert.ThrowsAny<JsonException>(() =>
        {
            var reader = new Utf8JsonReader(bytes);
            tape.TryRead(ref reader, bytes, uniqueNames: true, out _);
        });
    }

    [Fact]
    public void ATapeReadAgain_HoldsOnlyTheNewValue()
    {
        var tape = new JsonTape();
        var large = Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"N\\u0041{i}\":[{i}]")) + "}");
        var small = Encoding.UTF8.GetBytes("""{"NA1":"x","N\u00411":"y"}""");

        var first = new Utf8JsonReader(large);
        Assert.True(tape.TryRead(ref first, large, uniqueNames: true, out var none));
        var second = new Utf8JsonReader(small);
        Assert.True(tape.TryRead(ref second, small, uniqueNames: true, out var duplicate));

        Assert.Null(none);
        Assert.Equal("NA1", duplicate);
        Assert.Equal(2, tape.Root.Properties().Count());
    }
}
