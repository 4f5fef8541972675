using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfBridge.Salesforce;

/// <summary>Reads every Salesforce datetime form (see <see cref="SalesforceDateTime"/>); writes UTC ISO 8601 with Z.</summary>
public sealed class SalesforceDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return SalesforceDateTime.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a Salesforce datetime");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
