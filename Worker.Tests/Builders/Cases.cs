using SfBridge.Rules;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Builders;

/// <summary>One compliant case per pack, opened Monday 2 March 2026 09:00 (São Paulo).</summary>
public static class Cases
{
    public static readonly DateTimeOffset Opened = At(2026, 3, 2, 9);

    /// <summary>
    /// Escalated by the N1 agent (User 3) to Supervisor EPS at 09:05, accepted by the supervisor (User 1) at 09:10,
    /// escalated to GSO at 09:20 and taken by the GSO analyst (User 2) at 09:30, with complete fields and comments.
    /// </summary>
    public static CaseSnapshot Gso() => new CaseSnapshot
    {
        Id = Id("500", 9001), CaseNumber = "00009001", Subject = "Sem agenda em Campinas", Status = "Em Atendimento", Priority = "Média",
        Origin = "WhatsApp", RecordType = "GSO", OwnerId = User(2), CreatedById = User(3), CreatedDate = Opened, AttachmentCount = 1,
        Comments =
        [
            new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, (19) 99876-1122. Cliente reclama que não encontra agenda há 10 dias.",
                false, Opened.AddMinutes(2), User(3)),
        ],
        History =
        [
            FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Opened.AddMinutes(5), User(3)),
            FieldChange.Owner(Queue("Supervisor_EPS"), User(1), Opened.AddMinutes(10), User(1)),
            FieldChange.Owner(User(1), Queue("GSO"), Opened.AddMinutes(20), User(1)),
            FieldChange.Owner(Queue("GSO"), User(2), Opened.AddMinutes(30), User(2)),
        ],
    }.WithFields((LogicalField.EscalationCategory, "Não tem agenda disponível"), (LogicalField.OrderNumber, "48100221"), (LogicalField.CriticalMark, "false"),
        (LogicalField.MediaType, "Token"), (LogicalField.CustomerEmail, "jose.pereira@cliente.example"), (LogicalField.CustomerPhone, "(19) 99876-1122"),
        (LogicalField.CustomerName, "José Pereira"));

    public static CaseSnapshot PitStop() => new CaseSnapshot
    {
        Id = Id("500", 9002), CaseNumber = "00009002", Subject = "PDV não abre", Status = "Em Atendimento", Origin = "Telefone",
        RecordType = "PitStop", OwnerId = User(14), CreatedById = User(3), CreatedDate = Opened,
    }.WithFields((LogicalField.SlaTier, "4 Horas"));

    public static CaseSnapshot Special() => new CaseSnapshot
    {
        Id = Id("500", 9003), CaseNumber = "00009003", Subject = "Erro no relatório de estoque", Status = "Em Atendimento", Origin = "E-mail",
        RecordType = "SpecialService", OwnerId = User(8), CreatedById = User(8), CreatedDate = Opened, AccountId = Account(1),
        Emails = [new CaseEmail(false, false, Opened.AddHours(1), "Recebemos sua solicitação") { Status = "3", ToAddress = "loja@calcados.example", CreatedById = User(8) }],
    };

    public static CaseSnapshot Protocol() => new CaseSnapshot
    {
        Id = Id("500", 9004), CaseNumber = "00009004", Subject = "Boleto não gera", Status = "Em Atendimento", Origin = "Telefone",
        RecordType = "Protocolo", OwnerId = User(10), CreatedById = User(10), CreatedDate = Opened, AccountId = Account(2),
        Comments = [new CaseComment("Retorno ao cliente: seguimos analisando o boleto.", true, Opened.AddHours(1), User(10))],
    }.WithFields((LogicalField.Supervisor, "Carlos Menezes"), (LogicalField.Occurrence, "Erro"), (LogicalField.Detail, "Boleto não é gerado."),
        (LogicalField.ContactChannel, "Telefone"), (LogicalField.Awaiting, "Cliente"), (LogicalField.Return, "03/03/2026 10:00"),
        (LogicalField.Resolution, "Análise 02/03/2026 Lúcia - log do servidor verificado"));

    /// <summary>Greeted at 09:03, the V8 desk called at 09:06 (a private record), news to the customer at 09:50.</summary>
    public static CaseSnapshot Billing() => new CaseSnapshot
    {
        Id = Id("500", 9005), CaseNumber = "00009005", Subject = "Base parada", Status = "Em Atendimento", Origin = "WhatsApp",
        RecordType = "Faturamento", OwnerId = Queue("CMC_Faturamento"), CreatedById = User(12), CreatedDate = Opened,
        Comments =
        [
            new CaseComment("Bom dia, Carlos! Iniciamos a análise com as informações inseridas na abertura do incidente. A demanda será tratada com prioridade. Faremos follow-up em até 15 mins. Gentileza aguardar.",
                true, Opened.AddMinutes(3), User(12)),
            new CaseComment("Mesa V8 acionada por telefone, pedida prioridade no INC0048213.", false, Opened.AddMinutes(6), User(12)),
            new CaseComment("Carlos, acionamos o analista responsável pelo atendimento e o incidente continua em análise.", true, Opened.AddMinutes(15), User(12)),
            new CaseComment("Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.",
                true, Opened.AddMinutes(50), User(12)),
        ],
    }.WithFields((LogicalField.IncidentNumber, "INC0048213"));

    /// <summary>The billing case whose last message, at 50 minutes, promises the next contact within 15 minutes (BIL-01 times it).</summary>
    public static CaseSnapshot BillingPromising()
    {
        var billing = Billing();
        return billing with
        {
            Comments = [.. billing.Comments.SkipLast(1), new CaseComment("Carlos, seguimos com o time responsável. Favor aguardar novo contato em até 15 mins.", true, Opened.AddMinutes(50), User(12))],
        };
    }
}
