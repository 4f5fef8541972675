using System.Globalization;
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

    public SObjectRecord(JsonObject node) => _node = node;

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
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            _ => throw new FormatException($"Field {path} of {Describe()} is {node.GetValueKind()}, not a value"),
        };
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
            JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out var b) => b,
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
            if (!current.TryGetPropertyValue(parts[i], out var next))
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

        return current.TryGetPropertyValue(parts[^1], out node);
    }
}
