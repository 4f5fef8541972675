using System.Buffers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfBridge.Mappings;
using SfBridge.Rules.Gso;

namespace SfBridge.Tests.Rules;

/// <summary>
/// GSO-02 reads a comment with its costliest patterns (an address, a labelled customer or AR) only when the comment
/// holds one of the strings every match of the pattern holds. These tests hold the patterns to their strings: each way
/// of writing the item is read, and every match, in the written examples and in the whole comment corpus, holds one.
/// </summary>
public sealed class GsoPatternGuardTests
{
    public static TheoryData<string> Addresses =>
    [
        "rua augusta", "r. augusta", "av paulista", "av. paulista", "avenida paulista", "alameda santos", "al. santos", "travessa do comercio",
        "tv. do comercio", "rodovia dom pedro", "rod. dom pedro", "estrada velha", "praca da se", "endereco: rua x", "endereco - av y",
        "endereco e praca z", "endereco eh travessa w", "endereco de entrega campinas", "endereco para envio 120", "endereco para entrega centro",
        "cep 01310-100", "cep: 01310100", "o cep e 01310-100 certo",
    ];

    public static TheoryData<string> CustomerLabels =>
    [
        "Cliente Joana", "cliente: Joana", "CLIENTE JOANA", "Titular Ana", "titular - Ana", "TITULAR ANA", "Sr. Paulo", "sr. Paulo", "Sra. Maria",
        "sra. Maria", "Solicitante Rita", "solicitante: Rita", "Cliente – Joana",
    ];

    public static TheoryData<string> ArLabels =>
    [
        "AR Centro", "AGR Centro", "AR: Centro", "Posto Centro", "posto: Centro", "Ponto de atendimento Taquaral", "ponto de atendimento Taquaral",
        "Agente de registro Carla", "agente de registro: Carla",
    ];

    [Theory]
    [MemberData(nameof(Addresses))]
    public void EachWayOfWritingAnAddress_IsReadAndHoldsAGuardString(string key)
    {
        Assert.True(EscalationComments.AddressWritten(key), key);
        AssertEveryMatchHolds(EscalationComments.AddressPattern(), EscalationComments.AddressWords, key);
    }

    [Fact]
    public void AZipCodeAlone_IsReadWithoutTheWords()
    {
        Assert.True(EscalationComments.AddressWritten("enviar para 01310-100 por favor"));
        Assert.False(EscalationComments.AddressWritten("pedido 401310-100 e 01310-1000"));
        Assert.False(EscalationComments.AddressWritten("cliente aguarda desde ontem"));
    }

    [Theory]
    [MemberData(nameof(CustomerLabels))]
    public void EachCustomerLabel_HoldsAGuardString(string text)
    {
        Assert.Matches(EscalationComments.CustomerLabelPattern(), text);
        AssertEveryMatchHolds(EscalationComments.CustomerLabelPattern(), EscalationComments.CustomerLabelWords, text);
    }

    [Theory]
    [MemberData(nameof(ArLabels))]
    public void EachArLabel_HoldsAGuardString(string text)
    {
        Assert.Matches(EscalationComments.ArLabelPattern(), text);
        AssertEveryMatchHolds(EscalationComments.ArLabelPattern(), EscalationComments.ArLabelWords, text);
    }

    [Theory]
    [InlineData("comments.json")]
    [InlineData("holdout.json")]
    [InlineData("unseen.json")]
    public void EveryMatchInTheCorpus_HoldsAGuardString(string file)
    {
        var texts = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", file)))!.AsArray()
            .Select(item => item!["text"]!.GetValue<string>()).ToList();
        var matches = 0;
        foreach (var text in texts)
        {
            var key = TextKey.Fold(text);
            matches += AssertEveryMatchHolds(EscalationComments.AddressPattern(), EscalationComments.AddressWords, key);
            matches += AssertEveryMatchHolds(EscalationComments.CustomerLabelPattern(), EscalationComments.CustomerLabelWords, text);
            matches += AssertEveryMatchHolds(EscalationComments.ArLabelPattern(), EscalationComments.ArLabelWords, text);
        }

        Assert.True(matches > texts.Count / 2, $"only {matches} matches in {texts.Count} texts: the corpus no longer exercises the patterns");
    }

    private static int AssertEveryMatchHolds(Regex pattern, SearchValues<string> words, string text)
    {
        var count = 0;
        foreach (Match m in pattern.Matches(text))
        {
            Assert.True(m.ValueSpan.ContainsAny(words), $"'{m.Value}' (in \"{text}\") holds none of the guard strings");
            count++;
        }

        return count;
    }
}
