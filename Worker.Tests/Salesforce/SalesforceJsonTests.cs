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

    /// <summary>
    /// A name or reply whose escapes make no text is read with U+FFFD in place of the lone half (a pair and the other
    /// escapes as usual), so one such user name cannot stop the org's load.
    /// </summary>
    [Fact]
    public void AStringWithAnEscapedHalfSurrogate_IsReadWithAReplacementCharacter()
    {
        var record = new SObjectRecord(JsonNode.Parse("""{"Name":"Ana \ud83d\ude00 \ud800 \u00e9\t\"x\"\\","IsActive":"tr\ud800ue","Ok":"Jo\u00e3o"}""")!.AsObject());

        Assert.Equal("Ana 😀 \uFFFD é\t\"x\"\\", record.GetString("Name"));
        Assert.Equal("João", record.GetString("Ok"));
        Assert.Throws<FormatException>(() => record.GetBoolean("IsActive"));
    }

    [Fact]
    public void AFieldPathInAnotherCase_IsReadAsTheOrgSpellsIt()
    {
        // A mapped "Account.cliente_chave__c" is a query SOQL takes, answered as "Cliente_Chave__c": read exactly, every key
        // account read as none.
        var record = new SObjectRecord(JsonNode.Parse("""{"Account":{"Cliente_Chave__c":true,"Numero_Lojas__c":8},"Name":"Ana"}""")!.AsObject());

        Assert.Equal(true, record.GetBoolean("account.cliente_chave__c"));
        Assert.Equal(8m, record.GetDecimal("Account.numero_lojas__c"));
        Assert.Equal("Ana", record.GetString("Name"));
        Assert.Null(record.GetString("Account.Missing__c"));
    }
}
