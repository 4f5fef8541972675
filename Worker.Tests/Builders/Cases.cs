using SfBridge.Rules;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Builders;

/// <summary>One compliant case per pack, opened Monday 2 March 2026 09:00 (São Paulo).</summary>
public static class Cases
{
    public static readonly DateTimeOffset Opened = At(2026, 3, 2, 9);

    public static CaseSnapshot Gso() => new CaseSnapshot
    {
        Id = Id("500", 9001), CaseNumber = "00009001", Subject = "Sem agenda em Campinas", Status = "Em Atendimento", Priority = "Média",
        Origin = "WhatsApp", RecordType = "GSO", OwnerId = User(2), CreatedById = User(3), CreatedDate = Opened, AttachmentCount = 1,
        Comments =
        [
            new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, (19) 99876-1122. Cliente reclama que não encontra agenda há 10 dias.",
                false, Opened.AddMinutes(2), User(3)),
        ],
    }.WithFields((LogicalField.EscalationCategory, "Não tem agenda disponível"), (LogicalField.OrderNumber, "48100221"), (LogicalField.CriticalMark, "false"));

    public static CaseSnapshot PitStop() => new CaseSnapshot
    {
        Id = Id("500", 9002), CaseNumber = "00009002", Subject = "PDV não abre", Status = "Em Atendimento", Origin = "Telefone",
        RecordType = "PitStop", OwnerId = User(14), CreatedById = User(3), CreatedDate = Opened,
    }.WithFields((LogicalField.SlaTier, "4 Horas"));

    public static CaseSnapshot Special() => new CaseSnapshot
    {
        Id = Id("500", 9003), CaseNumber = "00009003", Subject = "Erro no relatório de estoque", Status = "Em Atendimento", Origin = "E-mail",
        RecordType = "SpecialService", OwnerId = User(8), CreatedById = User(8), CreatedDate = Opened, AccountId = Account(1),
        Emails = [new CaseEmail(false, false, Opened.AddHours(1), "Recebemos sua solicitação")],
    };

    public static CaseSnapshot Protocol() => new CaseSnapshot
    {
        Id = Id("500", 9004), CaseNumber = "00009004", Subject = "Boleto não gera", Status = "Em Atendimento", Origin = "Telefone",
        RecordType = "Protocolo", OwnerId = User(10), CreatedById = User(10), CreatedDate = Opened, AccountId = Account(2),
        Comments = [new CaseComment("Retorno ao cliente: seguimos analisando o boleto.", true, Opened.AddHours(1), User(10))],
    }.WithFields((LogicalField.Supervisor, "Carlos Menezes"), (LogicalField.Occurrence, "Erro"), (LogicalField.Detail, "Boleto não é gerado."),
        (LogicalField.ContactChannel, "Telefone"), (LogicalField.Awaiting, "Cliente"), (LogicalField.Return, "03/03/2026"),
        (LogicalField.Resolution, "Análise 02/03/2026 - log do servidor verificado"));

    public static CaseSnapshot Billing() => new CaseSnapshot
    {
        Id = Id("500", 9005), CaseNumber = "00009005", Subject = "Base parada", Status = "Em Atendimento", Origin = "WhatsApp",
        RecordType = "Faturamento", OwnerId = Queue("CMC_Faturamento"), CreatedById = User(12), CreatedDate = Opened,
        Comments = [new CaseComment("Bom dia! Iniciamos a análise.", true, Opened.AddMinutes(3), User(12))],
    }.WithFields((LogicalField.IncidentNumber, "INC0048213"));
}
