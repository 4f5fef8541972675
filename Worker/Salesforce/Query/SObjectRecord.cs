using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Salesforce;

/// <summary>
/// One record of a query result, read by API name: <c>GetString("Owner.Name")</c> follows parent relationships and
/// <c>Children("CaseComments")</c> returns a child subquery's records (already complete: SfBridge fetches child pages).
/// Field names are the org's (possibly remapped) API names, so records stay untyped until the domain maps them.
/// </summary>
public sealed class SObjectRecord
{
    private readonly JsonObject _node;

    /// <summary>
    /// The value parsed from the bytes Salesforce sent for this record, while the tree is as parsed from it (null: built,
    /// or changed since); its document holds one right-sized copy of the bytes, which the tree reads from.
    /// </summary>
    private JsonElement? _source;

    public SObjectRecord(JsonObject node) => _node = node;

    private SObjectRecord(JsonElement source)
    {
        _node = JsonObject.Create(source)!;
        _source = source;
    }

    /// <summary>
    /// A record read from a query page: the bytes are parsed into a value of its own, and the tree is made from it as it
    /// is read. The record's text is those bytes (<see cref="RawText"/>) instead of a walk that builds a node for every
    /// value of the record (tens of KB for a case with its comments and e-mails). A property named twice is refused
    /// (<see cref="JsonException"/>): it would otherwise throw at its first lookup, deep in a rule.
    /// </summary>
    internal static SObjectRecord FromUtf8(ReadOnlySpan<byte> json) => new(JsonElement.Parse(json, UniqueNames));

    private static readonly JsonDocumentOptions UniqueNames = new() { AllowDuplicateProperties = false };

    /// <summary>The tree was changed (a child result completed from its next pages): its text is written from the tree now.</summary>
    internal void Changed() => _source = null;

    /// <summary>The record's JSON text with every value as Salesforce wrote it (see <see cref="SalesforceJson.RawText"/>).</summary>
    public string RawText() => _source is { } source ? Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(source)) : SalesforceJson.RawText(_node);

    /// <summary>The record's JSON as UTF-8, with every value as Salesforce wrote it.</summary>
    public ReadOnlyMemory<byte> RawUtf8() => _source is { } source ? JsonMarshal.GetRawUtf8Value(source).ToArray() : SalesforceJson.RawUtf8(_node);

    /// <summary>The record deserialised to <typeparamref name="T"/>, from its bytes when it has them.</summary>
    internal T Deserialize<T>(JsonSerializerOptions options) =>
        (_source is { } source ? JsonSerializer.Deserialize<T>(JsonMarshal.GetRawUtf8Value(source), options) : _node.Deserialize<T>(options))!;

    /// <summary>sObject type from <c>attributes.type</c> (<c>Name</c> for a polymorphic parent such as Owner).</summary>
    public string? Type => (_node["attributes"] as JsonObject)?["type"] is JsonValue type && type.TryGetValue<string>(out var name) ? name : null;

    public string? Id => GetString("Id");

    /// <summary>The record's JSON (for snapshots); callers must not mutate it.</summary>
    public JsonObject Json => _node;

    /// <summary>True when the path was selected (even if its value is null).</summary>
    public bool Has(string path) => TryResolve(path, out _);

    public string? GetString(string path)
    {
        if (!TryResolve(path, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => SalesforceJson.WithoutNul(Text(node)),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            _ => throw new FormatException($"Field {path} of {Describe()} is {node.GetValueKind()}, not a value"),
        };
    }

    /// <summary>
    /// A string value. One whose escapes make no text (an escaped half of a surrogate pair, valid JSON) is read with
    /// U+FFFD in place of the half, as a browser shows it: a name or a reply is shown or searched, never judged, and
    /// one such value must not stop the org's load or a cycle. A case's text fields are read by <c>CaseReader</c> the same way.
    /// </summary>
    private static string Text(JsonNode node)
    {
        try
        {
            return node.GetValue<string>();
        }
        catch (InvalidOperationException) when (node is JsonValue value && value.TryGetValue<JsonElement>(out var element))
        {
            return SalesforceJson.TextReplacingLoneSurrogates(System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)[1..^1]));
        }
    }

    public DateTimeOffset? GetDateTime(string path)
    {
        var text = GetString(path);
        if (text is null)
        {
            return null;
        }

        return SalesforceDateTime.TryParse(text, out var value)
            ? value
            : throw new FormatException($"Field {path} of {Describe()} is not a datetime");
    }

    public bool? GetBoolean(string path)
    {
        if (!TryResolve(path, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(Text(node), out var b) => b,
            _ => throw new FormatException($"Field {path} of {Describe()} is not a boolean"),
        };
    }

    public decimal? GetDecimal(string path)
    {
        var text = GetString(path);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Field {path} of {Describe()} is not a number");
    }

    /// <summary>Records of a child relationship; empty when Salesforce sent <c>null</c> (no children).</summary>
    public IReadOnlyList<SObjectRecord> Children(string relationship)
    {
        if (_node[relationship] is not JsonObject result || result["records"] is not JsonArray records)
        {
            return [];
        }

        return records.OfType<JsonObject>().Select(r => new SObjectRecord(r)).ToList();
    }

    /// <summary>A parent relationship (e.g. <c>Owner</c>), or null when the lookup is empty.</summary>
    public SObjectRecord? Parent(string relationship) =>
        _node[relationship] is JsonObject parent ? new SObjectRecord(parent) : null;

    public override string ToString() => Describe();

    /// <summary>"User 005…" for messages; never reads Id through GetString, whose own error message would ask for it again.</summary>
    private string Describe() =>
        $"{Type ?? "record"} {(_node[nameof(Id)] is JsonValue id && id.TryGetValue<string>(out var text) ? text : "(without a readable Id)")}";

    private bool TryResolve(string path, out JsonNode? node)
    {
        JsonObject current = _node;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!TryProperty(current, parts[i], out var next))
            {
                node = null;
                return false;
            }

            if (next is not JsonObject nextObject)
            {
                node = null; // null parent: the selected field is null
                return true;
            }

            current = nextObject;
        }

        return TryProperty(current, parts[^1], out node);
    }

    /// <summary>
    /// A property by name: as written, else ignoring case (Salesforce answers with the org's spelling; a mapped name such as
    /// "Account.cliente_chave__c" is a query SOQL takes, and would read null otherwise).
    /// </summary>
    private static bool TryProperty(JsonObject obj, string name, out JsonNode? node)
    {
        if (obj.TryGetPropertyValue(name, out node))
        {
            return true;
        }

        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                node = value;
                return true;
            }
        }

        node = null;
        return false;
    }
}
