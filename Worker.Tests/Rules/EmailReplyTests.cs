using SfBridge.Rules;

namespace SfBridge.Tests.Rules;

public sealed class EmailReplyTests
{
    private const string Answer = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado.";

    public static TheoryData<string> Quotes =>
    [
        "Em qua., 4 de mar. de 2026 às 09:10, Carlos Souza <carlos@cliente.example> escreveu:\n> Estarei aguardando o retorno.",
        "Em qua., 4 de mar. de 2026 às 09:10, Carlos Souza <carlos@cliente.example>\nescreveu:\n> Estarei aguardando o retorno.",
        "On Wed, Mar 4, 2026 at 9:10 AM Carlos Souza <carlos@cliente.example> wrote:\n> Estarei aguardando o retorno.",
        "-----Mensagem original-----\nDe: Carlos Souza\nEstarei aguardando o retorno.",
        "----- Original Message -----\nEstarei aguardando o retorno.",
        "--------------- Mensagem Original ---------------\nEstarei aguardando o retorno.",
        "De: Carlos Souza <carlos@cliente.example>\nEnviado: quarta-feira, 4 de março de 2026 09:10\nPara: CMC Faturamento\nAssunto: INC0048213\n\nEstarei aguardando o retorno.",
        "From: Carlos Souza <carlos@cliente.example>\nSent: Wednesday, March 4, 2026 9:10 AM\nEstarei aguardando o retorno.",
        // Outlook for desktop in Brazilian Portuguese.
        "De: Carlos Souza [mailto:carlos@cliente.example]\nEnviada em: quarta-feira, 4 de março de 2026 09:10\nPara: CMC Faturamento\nAssunto: INC0048213\n\nEstarei aguardando o retorno.",
        "> Estarei aguardando o retorno.\n> Carlos",
    ];

    [Theory]
    [MemberData(nameof(Quotes))]
    public void TheQuotedMessageBelowAnAnswer_IsNotTheSendersText(string quote)
    {
        Assert.Equal(Answer, EmailReply.OwnText(Answer + "\n\n" + quote));
        Assert.Equal(Answer, EmailReply.OwnText((Answer + "\r\n\r\n" + quote).Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\r", "\r", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Carlos, o prazo é 10:00 > 09:00 de ontem; seguimos.")]
    [InlineData("Carlos, seguimos.\nDe: CMC Faturamento, time responsável.\nObrigado.")]
    [InlineData("Carlos, em breve: a validação final será informada aqui.")]
    [InlineData("Em análise desde 09:10, Carlos. Retornaremos em até 15 mins.")]
    public void AnAnswerWithoutAQuote_IsKeptWhole(string body) => Assert.Equal(body, EmailReply.OwnText(body));

    [Fact]
    public void AnOutlookHeaderBlock_IsFoundWithItsDateUpToThreeLinesBelowTheSender()
    {
        const string header = "\n\nDe: Carlos Souza <carlos@cliente.example>\nPara: CMC Faturamento\nAssunto: INC0048213\nEnviado: quarta-feira, 4 de março de 2026 09:10\n\nEstarei aguardando.";
        Assert.Equal(Answer, EmailReply.OwnText(Answer + header));

        // Four lines below it the date belongs to something else: "De:" alone starts no quote.
        const string far = "\nDe: CMC Faturamento, time responsável.\nLinha um.\nLinha dois.\nLinha três.\nData: 04/03/2026, retorno previsto.";
        Assert.Equal(Answer + far, EmailReply.OwnText(Answer + far));
    }

    [Fact]
    public void ALineThatOpensLikeAnAttribution_CutsOnlyWhenTheNextLineEndsIt()
    {
        const string body = "Em análise desde 09:10, Carlos.\nRetornaremos em até 15 mins.";
        Assert.Equal(body, EmailReply.OwnText(body + "\n\n> Estarei aguardando o retorno."));

        // The last line opens like one, with a quote mark elsewhere in the body: kept, and nothing is read past the end.
        const string last = "Carlos, seguimos.\nDe: CMC Faturamento, time responsável.\nEm 4 de março de 2026 retornaremos.";
        Assert.Equal(last, EmailReply.OwnText(last));
    }

    [Fact]
    public void NoBody_StaysNone_AndAllQuoteIsNoText()
    {
        Assert.Null(EmailReply.OwnText(null));
        Assert.Equal("", EmailReply.OwnText("> Estarei aguardando o retorno."));
    }
}
