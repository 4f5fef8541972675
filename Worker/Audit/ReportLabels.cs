using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>The Portuguese words of the HTML report: pack, rule, kind and severity names as supervisors say them.</summary>
public static class ReportLabels
{
    private static readonly Dictionary<string, string> PackNames = new(StringComparer.Ordinal)
    {
        [RuleCatalog.Gso] = "GSO — escalonamento",
        [RuleCatalog.PitStop] = "Pit Stop — agenda",
        [RuleCatalog.SpecialService] = "Special Service — clientes chave",
        [RuleCatalog.Protocol] = "Protocolo W-GSC",
        [RuleCatalog.Billing] = "Faturamento — incidentes",
    };

    private static readonly Dictionary<string, string> RuleNames = new(StringComparer.Ordinal)
    {
        ["GSO-01"] = "Categoria de escalonamento aceita",
        ["GSO-02"] = "Dados e comentários do escalonamento",
        ["GSO-03"] = "Evidências do cliente",
        ["GSO-04"] = "Aceite na fila GSO",
        ["GSO-04-EPS"] = "Aceite na fila Supervisor EPS",
        ["GSO-05"] = "Situação do pedido no GAR",
        ["GSO-06"] = "Marcação de caso crítico",
        ["GSO-07"] = "Devolução como Concluído III",
        ["GSO-08"] = "Fechamento após a devolução ao N2",
        ["GSO-09"] = "Passagem pelo Supervisor EPS",
        ["PIT-01"] = "Prazo de resolução do nível de SLA",
        ["PIT-02"] = "Validação do gestor técnico",
        ["PIT-03"] = "Fila sem atendente disponível",
        ["PIT-04"] = "Contato complementar com caso pai",
        ["PIT-05"] = "Passagem pela fila APOIO N1",
        ["SS-01"] = "Primeira resposta ao cliente chave",
        ["SS-02"] = "Solução do caso de cliente chave",
        ["SS-03"] = "Resolução em até 7 dias",
        ["SS-04"] = "Limite de casos por analista",
        ["SS-05"] = "Repasse na ausência do analista",
        ["SS-06"] = "Cliente chave em outro setor",
        ["PRO-01"] = "Campos obrigatórios do protocolo",
        ["PRO-02"] = "Retorno periódico ao cliente",
        ["PRO-03"] = "Registro da resolução",
        ["PRO-04"] = "Registro da transferência",
        ["PRO-05"] = "Encerramento do protocolo",
        ["PRO-06"] = "Titularidade do protocolo",
        ["BIL-01"] = "Retorno ao cliente no prazo prometido",
        ["BIL-02"] = "Primeira ação no incidente",
        ["BIL-03"] = "Escalonamento fora do horário comercial",
        ["BIL-04"] = "Padrão das mensagens ao cliente",
        ["BIL-05"] = "Número do incidente",
    };

    private static readonly Dictionary<FindingKind, string> KindNames = new()
    {
        [FindingKind.SlaWarning] = "prazo perto do fim",
        [FindingKind.SlaBreach] = "prazo vencido",
        [FindingKind.MissingField] = "campo não preenchido",
        [FindingKind.CommentIncomplete] = "comentário incompleto",
        [FindingKind.MissingEvidence] = "evidência ausente",
        [FindingKind.InvalidEscalation] = "escalonamento indevido",
        [FindingKind.UnvalidatedEscalation] = "escalonamento sem validação",
        [FindingKind.GarMismatch] = "divergência com o GAR",
        [FindingKind.Critical] = "caso crítico",
        [FindingKind.NoAgentAvailable] = "ninguém disponível na fila",
        [FindingKind.BacklogCap] = "limite de casos excedido",
        [FindingKind.HandoverNeeded] = "repasse necessário",
        [FindingKind.CustomerUpdateOverdue] = "retorno ao cliente atrasado",
        [FindingKind.FollowUpOverdue] = "acompanhamento atrasado",
        [FindingKind.ClosurePending] = "encerramento pendente",
        [FindingKind.MessageStyle] = "mensagem fora do padrão",
    };

    /// <summary>Worst first, as the report lists them.</summary>
    public static IReadOnlyList<Severity> Severities { get; } = [Rules.Severity.Critical, Rules.Severity.Breach, Rules.Severity.Warning, Rules.Severity.Info];

    public static string Pack(string pack) => PackNames.GetValueOrDefault(pack, pack);

    public static string Rule(string ruleId) => RuleNames.GetValueOrDefault(ruleId, ruleId);

    public static bool HasRule(string ruleId) => RuleNames.ContainsKey(ruleId);

    public static string Kind(FindingKind kind) => KindNames[kind];

    public static string SeverityName(Severity severity) => severity switch
    {
        Rules.Severity.Critical => "Crítico",
        Rules.Severity.Breach => "Violação",
        Rules.Severity.Warning => "Atenção",
        _ => "Informativo",
    };
}
