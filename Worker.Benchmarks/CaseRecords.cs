using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Benchmarks;

/// <summary>
/// Case records as Salesforce's REST API returns them (the sample org's Case.json, all five record types, with their
/// comments, e-mails and history), copied under new ids with distinct Portuguese subjects, comments and e-mail bodies.
/// </summary>
public static class CaseRecords
{
    private static readonly Lazy<JsonObject[]> Templates = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.SampleOrg, "Case.json")))!["records"]!.AsArray().Select(r => r!.AsObject()).ToArray());

    public static List<JsonObject> Generate(int count, int seed = 20260304) => Stream(count, seed).ToList();

    /// <summary>The records of <see cref="Generate"/>, one at a time (a snapshot of any size is written without holding it).</summary>
    public static IEnumerable<JsonObject> Stream(int count, int seed = 20260304)
    {
        var random = new Random(seed);
        var text = new PortugueseText(random);
        for (var i = 0; i < count; i++)
        {
            yield return Copy(Templates.Value[i % Templates.Value.Length], i, text);
        }
    }

    /// <summary>A copy of <paramref name="template"/> as case number <paramref name="n"/>, with new texts.</summary>
    public static JsonObject Copy(JsonObject template, int n, PortugueseText text)
    {
        var r = template.DeepClone().AsObject();
        var id = Scenario.Id("500", 200_000 + n);
        r["Id"] = id;
        r["CaseNumber"] = (200_000 + n).ToString("D8", CultureInfo.InvariantCulture);
        r["Subject"] = text.Subject();
        r["attributes"]!["url"] = "/services/data/v62.0/sobjects/Case/" + id;
        var pack = (r["RecordType"]?["DeveloperName"]?.GetValue<string>()) switch { "GSO" => 0, "PitStop" => 1, "SpecialService" => 2, "Protocolo" => 3, _ => 4 };
        var child = 0;
        foreach (var (relationship, body) in new[] { ("CaseComments", "CommentBody"), ("EmailMessages", "TextBody") })
        {
            if (r[relationship]?["records"] is JsonArray children)
            {
                foreach (var c in children.OfType<JsonObject>())
                {
                    c["Id"] = Scenario.Id(relationship == "CaseComments" ? "00a" : "02s", (200_000 + n) * 10 + child++);
                    c["ParentId"] = id;
                    c[body] = text.Comment(pack);
                }
            }
        }

        return r;
    }

    /// <summary>
    /// The records as one query result, the shape of a snapshot's Case.json, written as Salesforce and the sf CLI write
    /// JSON: accented letters and '+' as they are (System.Text.Json's default writer escapes them, <c>\u00E7</c>,
    /// <c>\u002B</c>), unless <paramref name="escaped"/>.
    /// </summary>
    public static byte[] QueryResult(IReadOnlyList<JsonObject> records, bool escaped = false) =>
        System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["totalSize"] = records.Count,
            ["done"] = true,
            ["records"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()),
        }.ToJsonString(escaped ? null : AsSalesforceWrites));

    private static readonly JsonSerializerOptions AsSalesforceWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A record stamped as modified at <paramref name="at"/>.</summary>
    public static JsonObject Touched(JsonObject record, DateTimeOffset at)
    {
        var copy = record.DeepClone().AsObject();
        copy["SystemModstamp"] = SalesforceDateTime.FormatRest(at);
        return copy;
    }
}
