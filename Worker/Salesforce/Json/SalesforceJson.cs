using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>Serializer settings shared by every Salesforce DTO.</summary>
public static class SalesforceJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new SalesforceDateTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// A record's JSON text with every value as Salesforce wrote it. <see cref="JsonNode.ToJsonString"/> writes a string
    /// it read by undoing its escapes and writing it again, which throws on an escaped half of a surrogate pair (valid
    /// JSON, no text): the record could then be neither read nor quarantined. Values read from Salesforce are copied
    /// as they came; values set since are written as usual.
    /// </summary>
    public static string RawText(JsonNode node) => System.Text.Encoding.UTF8.GetString(RawUtf8(node).Span);

    /// <summary>See <see cref="RawText"/>: the same text, as UTF-8.</summary>
    public static ReadOnlyMemory<byte> RawUtf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteRaw(node, writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>See <see cref="RawText"/>.</summary>
    public static void WriteRaw(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteRaw(value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteRaw(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element):
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Text as SfBridge keeps it: without NUL characters (JSON's "\u0000"), which PostgreSQL refuses in text and which a key
    /// or a text judged with them would keep from matching the same one stored without them.
    /// </summary>
    public static string WithoutNul(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    /// <summary>
    /// A JSON string's text (its escapes written out, <paramref name="escaped"/> as written between its quotes) with each half
    /// of a surrogate pair alone made U+FFFD, as a browser shows it.
    /// </summary>
    public static string TextReplacingLoneSurrogates(string escaped)
    {
        var units = new System.Text.StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var ch = escaped[i];
            if (ch != '\\' || i + 1 >= escaped.Length)
            {
                units.Append(ch);
                continue;
            }

            var code = escaped[++i];
            if (code == 'u' && i + 4 < escaped.Length && ushort.TryParse(escaped.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                units.Append((char)unit);
                i += 4;
                continue;
            }

            units.Append(code switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => code });
        }

        for (var i = 0; i < units.Length; i++)
        {
            if (char.IsHighSurrogate(units[i]) && i + 1 < units.Length && char.IsLowSurrogate(units[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(units[i]))
            {
                units[i] = '\uFFFD';
            }
        }

        return units.ToString();
    }
}
