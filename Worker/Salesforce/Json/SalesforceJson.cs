using System.Text.Json;
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
}
