using SfBridge.Rules.Gso;
using SfBridge.Rules.Protocol;

namespace SfBridge.Tests.Rules;

/// <summary>
/// The words the comment and resolution readers must never take for a person, each checked where the reader would
/// otherwise read a name, as agents write them (accents, capitals). A control beside each list shows the same place
/// does read a real name, so the lists are what keeps these words out.
/// </summary>
public sealed class NameVocabularyTests
{
    private static readonly EscalationData Nothing = new([], null, null, null, null, null, null);

    /// <summary>GSO-02: what follows "Cliente" or an AR label in a report and is not the customer's or the AR's name.</summary>
    private static readonly string[] ReportWords =
    [
        "Informa", "Informou", "Relata", "Relatou", "Reclama", "Reclamou", "Solicita", "Solicitou", "Não", "Já", "Entrou", "Ligou", "Disse",
        "Diz", "Alega", "Alegou", "Afirma", "Afirmou", "Está", "Estava", "Aguarda", "Aguardando", "Pede", "Pediu", "Quer", "Precisa", "Tem",
        "Possui", "Final", "Chave", "Corporativo", "Sem", "Com", "Em", "No", "Na", "Foi", "Fez", "Realizou", "Agendou", "Validou", "Comprou",
        "Retornou", "Enviou", "Recebeu", "Cliente", "Titular", "Nome", "Pedido", "Email", "Telefone", "Tel", "Contato",
        "Os", "As", "Um", "Uma", "Que", "Se", "Precisou", "Gostaria", "Compareceu", "Tentou", "Procurou", "Nos", "PF", "PJ", "CPF", "CNPJ",
    ];

    [Fact]
    public void GSO02_AReportWordAfterClienteOrAnArLabel_IsNotAName()
    {
        Assert.True(EscalationComments.Read("Cliente Joana sobre o pedido", Nothing).CustomerName);
        Assert.True(EscalationComments.Read("AR Paulista sobre o pedido", Nothing).ArName);

        Assert.DoesNotContain(ReportWords, w => EscalationComments.Read($"Cliente {w} sobre o pedido", Nothing).CustomerName);
        Assert.DoesNotContain(ReportWords, w => EscalationComments.Read($"AR {w} sobre o pedido", Nothing).ArName);
    }

    /// <summary>GSO-02: words of a name or address on the case that do not identify it (a comment holding only them does not name it).</summary>
    private static readonly string[] CommonNameWords =
    [
        "das", "dos", "AGR", "Certisign", "Posto", "Ponto", "Atendimento", "Unidade", "Loja", "Agência",
        "Rua", "Avenida", "Alameda", "Travessa", "Rodovia", "Estrada", "Praça", "Sala", "Apto", "Bloco",
    ];

    [Fact]
    public void GSO02_ACommentHoldingOnlyTheCommonWordsOfTheCasesName_DoesNotNameIt()
    {
        static bool Named(string comment, string name) => EscalationComments.Read(comment, Nothing with { CustomerName = name }).CustomerName;

        Assert.True(Named("falei com Joana na loja", "Joana Loja"));
        Assert.DoesNotContain(CommonNameWords, w => Named($"o atendimento seguiu: {w} informada", $"Joana {w}"));
    }

    /// <summary>PRO-03: capitalised words that follow an entry's date in the resolution field and are not the executor.</summary>
    private static readonly string[] LogWords =
    [
        "Log", "Logs", "Sistema", "Cliente", "Erro", "Problema", "Teste", "Testes", "Análise", "Solução", "Encaminhamento", "Nota", "Notas", "Boleto",
        "Servidor", "Banco", "Base", "Acesso", "Sem", "Com", "Não", "Uma", "Foi", "Será", "Segue", "Após", "Retorno", "Contato", "Ligação", "Email",
        "Chamado", "Protocolo", "Caso", "Pendente", "Dev", "Desenvolvimento", "Suporte", "Equipe", "Time", "Setor", "Financeiro", "Fiscal",
        "Comercial", "Infra", "Infraestrutura", "Homologação", "Produção", "Ambiente", "Versão", "Módulo", "Tela", "Relatório", "Nfe", "Nfce", "Sped",
        "Xml", "Certificado", "Senha", "Usuário", "Cadastro", "Configuração", "Parâmetro", "Parâmetros", "Atualização", "Backup", "Rede", "Internet",
        "Impressora", "Estoque", "Pdv", "Caixa", "Venda", "Vendas", "Pedido", "Faturamento", "Integração", "Api", "Script", "Query", "Consulta",
        "Aguardando", "Conforme", "Via", "Por", "Para", "Que", "Todos", "Todas", "Mesmo", "Mesma", "Ainda", "Também", "Feito", "Feita",
    ];

    [Fact]
    public void PRO03_ALogWordAfterTheDate_IsNotTheExecutor()
    {
        static bool Named(string entry) => Assert.Single(ResolutionLog.Read(entry, [])).Named;

        Assert.True(Named("Análise 02/03/2026 Lúcia - log verificado"));
        Assert.False(Named("Análise 02/03/2026 Orientada - log verificado")); // a participle
        Assert.DoesNotContain(LogWords, w => Named($"Análise 02/03/2026 {w} - verificado"));
    }
}
