using System.Text.Json.Nodes;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

/// <summary>A record's text is written back with its values as Salesforce sent them, escapes and all.</summary>
public sealed class SalesforceJsonTests
{
    [Fact]
    public void RawText_KeepsValuesAsSent_AndWritesValuesSetSince()
    {
        var record = JsonNode.Parse("""{"Subject":"N\u00e3o \ud800","Valor":1.50,"Nome":"Ana","Filhos":{"records":[{"Id":"1"}],"nextRecordsUrl":"/x"}}""")!.AsObject();
        record["Filhos"]!["done"] = true;
        record["Filhos"]!.AsObject().Remove("nextRecordsUrl");

        Assert.Throws<InvalidOperationException>(() => record.ToJsonString());
        Assert.Equal("""{"Subject":"N\u00e3o \ud800","Valor":1.50,"Nome":"Ana","Filhos":{"records":[{"Id":"1"}],"done":true}}""", SalesforceJson.RawText(record));
    }
}
