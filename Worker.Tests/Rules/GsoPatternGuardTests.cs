using System.Buffers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfBridge.Mappings;
using SfBridge.Rules.Gso;

namespace SfBridge.Tests.Rules;

/// <summary>
/// GSO-02 reads a comment with its costliest patterns (an address, a labelled customer or AR, a complaint, a situation)
/// only when the comment holds one of the strings every match of the pattern holds (an address and a complaint: from the
/// first of them on, so each of their matches must start with one). These tests hold the patterns to their strings: each way
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
        "Sr(a). Ana", "sr(a) Ana", "Sr.(a) Ana", "Sra Maria", "SRA MARIA", "Titular do certificado: Ana", "Contato: Ana", "CONTATO - ANA",
        "Responsável: Ana", "responsavel - Ana",
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
        AssertEveryMatchHolds(EscalationComments.AddressPattern(), EscalationComments.AddressWords, key, startsWith: true);
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
            matches += AssertEveryMatchHolds(EscalationComments.AddressPattern(), EscalationComments.AddressWords, key, startsWith: true);
            Assert.Equal(EscalationComments.AddressPattern().IsMatch(key) || EscalationComments.ZipPattern().IsMatch(key), EscalationComments.AddressWritten(key));
            matches += AssertEveryMatchHolds(EscalationComments.CustomerLabelPattern(), EscalationComments.CustomerLabelWords, text);
            matches += AssertEveryMatchHolds(EscalationComments.ArLabelPattern(), EscalationComments.ArLabelWords, text);
            matches += AssertEveryMatchHolds(EscalationComments.ComplaintPattern(), EscalationComments.ComplaintWords, key, startsWith: true);
            matches += AssertEveryMatchHolds(EscalationComments.SituationPattern(), EscalationComments.SituationWords, key);
            matches += AssertEveryMatchHolds(EscalationComments.RequestLabelPattern(), EscalationComments.RequestLabelWords, key);
            Assert.Equal(EscalationComments.ComplaintPattern().IsMatch(key), EscalationComments.ComplaintWritten(key));
        }

        Assert.True(matches > texts.Count / 2, $"only {matches} matches in {texts.Count} texts: the corpus no longer exercises the patterns");
    }

    public static TheoryData<string> Complaints =>
    [
        "cliente informa que nao recebeu", "informou", "informando que", "relata atraso", "relatou", "reclama do prazo", "reclamou", "alega que",
        "alegou", "diz que pagou", "disse que pagou", "afirma que", "afirmou", "nao consegue validar", "nao conseguiu", "nao recebeu a midia",
        "aguarda ha 3 dias", "esta aguardando retorno", "reclamacao: atraso", "descricao - midia", "relato: x", "ocorrido: y", "problema : z",
        "o cliente, que antes nada dizia, agora reclama",

        // The manual's own example of a description ("cliente menciona que agendou várias vezes, mas não obteve sucesso") and the plain ways of
        // telling what happened that agents write.
        // Told with a gerund, as agents write as often as "informando" ("cliente reclamando que o pedido não foi liberado").
        "cliente reclamando que o pedido nao foi liberado", "relatando demora", "alegando que ja validou", "dizendo que ja validou", "afirmando que pagou",
        "mencionando que agendou", "comentando que", "explicando que", "contando que", "tentando agendar ha dias", "questionando o prazo",

        "cliente menciona que agendou varias vezes, mas nao obteve sucesso", "mencionou", "comenta que", "comentou", "explica que", "explicou",
        "conta que", "contou que", "cliente tentou agendar varias vezes sem sucesso", "tenta validar", "a ar nao enviou a midia ate hoje",
        "nao entregou", "cliente foi mal atendido no posto", "cliente foi mal atendida", "cliente agendou tres vezes e a ar cancelou todas",

        // What happened, told without a reporting verb.
        "cliente entrou em contato pois a midia nao chegou ate hoje", "segundo o cliente, a ar nao realizou o envio da midia",
        "de acordo com a cliente", "o token nao funciona", "o pedido continua parado", "segue pendente desde sexta",
        "permanece sem retorno", "cliente esta sem agenda ha 10 dias", "ficou sem atendimento", "cliente insatisfeito com a demora",
        "questiona a demora",
    ];

    public static TheoryData<string> Situations =>
    [
        "liberacao", "liberacoes", "aguardando validacao", "aguardando a preparacao", "verificacao pendente", "acima de 24h",
        "acima de 24 h", "sem agenda", "nao tem agenda", "nao existe agenda", "agenda disponivel", "atraso no envio", "atraso envio",
        "envio da midia", "sem midia", "nao ha midia", "midia disponivel", "priorizar", "videoconferencia", "video chamada",
        "validacao via video", "ma conduta", "nao compareceu", "entrevista", "ouvidoria", "corporativo", "ponto fisico", "casos criticos",
    ];

    [Theory]
    [MemberData(nameof(Complaints))]
    public void EachWayOfReportingAComplaint_IsReadAndStartsWithAGuardString(string key)
    {
        Assert.True(EscalationComments.ComplaintWritten(key), key);
        AssertEveryMatchHolds(EscalationComments.ComplaintPattern(), EscalationComments.ComplaintWords, key, startsWith: true);
    }

    public static TheoryData<string> RequestLabels =>
    [
        "tipo de solicitacao: liberacao", "tipo da solicitacao - emissao", "tipo de pedido: renovacao", "solicitacao: troca de midia",
        "solicitacao - segunda via", "solicitacao : 2a via",
    ];

    [Theory]
    [MemberData(nameof(RequestLabels))]
    public void EachRequestLabel_HoldsAGuardString(string key)
    {
        Assert.Matches(EscalationComments.RequestLabelPattern(), key);
        AssertEveryMatchHolds(EscalationComments.RequestLabelPattern(), EscalationComments.RequestLabelWords, key);
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void EachSituation_HoldsAGuardString(string key)
    {
        Assert.Matches(EscalationComments.SituationPattern(), key);
        AssertEveryMatchHolds(EscalationComments.SituationPattern(), EscalationComments.SituationWords, key);
    }

    [Fact]
    public void AComplaintIsNotReadInsideAWord_NorWhereNoneIs()
    {
        Assert.False(EscalationComments.ComplaintWritten("desinformado sobre o prazo")); // the word boundary before "inform" still counts
        Assert.False(EscalationComments.ComplaintWritten("tipo de solicitacao: liberacao"));
    }

    /// <param name="startsWith">Every match must start with a guard string (the pattern is read from the first one on).</param>
    private static int AssertEveryMatchHolds(Regex pattern, SearchValues<string> words, string text, bool startsWith = false)
    {
        var count = 0;
        foreach (Match m in pattern.Matches(text))
        {
            Assert.True(startsWith ? m.ValueSpan.IndexOfAny(words) == 0 : m.ValueSpan.ContainsAny(words),
                $"'{m.Value}' (in \"{text}\") {(startsWith ? "starts with" : "holds")} none of the guard strings");
            count++;
        }

        return count;
    }
}
