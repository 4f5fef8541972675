using System.Globalization;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// Support-desk Portuguese built from word lists with a seeded random: names, e-mail addresses, phones, subjects,
/// comments, e-mails and call notes. Every text mixes several independent choices and numbers, so a generated org
/// has distinct texts rather than one comment repeated everywhere.
/// </summary>
internal sealed class SupportDeskText(Random random)
{
    private static readonly string[] FirstNames =
    [
        "Ana", "Beatriz", "Bruno", "Camila", "Carlos", "Daniela", "Diego", "Eduarda", "Felipe", "Fernanda", "Gabriel", "Helena", "Igor",
        "Isabela", "João", "Júlia", "Karina", "Leonardo", "Letícia", "Lucas", "Mariana", "Mateus", "Natália", "Otávio", "Paula", "Pedro",
        "Rafaela", "Renato", "Sabrina", "Thiago", "Vanessa", "Vinícius",
    ];

    private static readonly string[] LastNames =
    [
        "Almeida", "Barbosa", "Cardoso", "Carvalho", "Castro", "Correia", "Costa", "Dias", "Duarte", "Fernandes", "Ferreira", "Freitas",
        "Gomes", "Lima", "Lopes", "Machado", "Martins", "Melo", "Mendes", "Moreira", "Nascimento", "Oliveira", "Pereira", "Ribeiro",
        "Rocha", "Santos", "Silva", "Souza", "Teixeira", "Vieira",
    ];

    private static readonly string[] Cities = ["São Paulo", "Campinas", "Santos", "Curitiba", "Porto Alegre", "Belo Horizonte", "Recife", "Salvador", "Goiânia", "Fortaleza"];

    private static readonly string[] Problems =
    [
        "pedido parado na validação", "certificado não instala no token", "boleto não foi gerado", "nota fiscal rejeitada pela SEFAZ",
        "agendamento de videoconferência sem horário", "cobrança em duplicidade", "senha do certificado bloqueada", "SPED rejeitado pelo validador",
        "balança sem comunicação com o PDV", "erro ao emitir NFC-e", "fatura com valor divergente", "cartão não reconhecido pela leitora",
        "pedido cancelado sem solicitação", "renovação não liberada", "integração com o ERP parou", "relatório de vendas em branco",
    ];

    private static readonly string[] Openers =
    [
        "Cliente retornou o contato informando", "Em ligação, o cliente relatou", "Conforme conversa pelo WhatsApp,", "Cliente escreveu novamente dizendo",
        "Registro do atendimento:", "Analisando o caso, verifiquei", "Após contato com a AR, confirmamos", "Supervisão pediu prioridade:",
        "Atualização do chamado:", "O responsável da loja avisou",
    ];

    private static readonly string[] Details =
    [
        "que o problema continua desde {0}", "que já tentou {1} sem sucesso", "que precisa de solução até {0}", "que a loja de {2} está parada",
        "que recebeu a mensagem de erro {3}", "que o protocolo anterior {4} não resolveu", "que o financeiro aguarda retorno desde {0}",
        "que o técnico {5} esteve no local", "que o pedido {4} segue sem andamento", "que a equipe de {2} não consegue faturar",
    ];

    private static readonly string[] Attempts =
    [
        "reinstalar o driver", "trocar o navegador", "reiniciar o servidor", "gerar o arquivo novamente", "limpar o cache", "atualizar o sistema",
        "usar outro computador", "validar os dados cadastrais",
    ];

    private static readonly string[] Actions =
    [
        "Encaminhado ao N2 para análise.", "Orientado o cliente a aguardar o retorno.", "Solicitados os prints da tela de erro.",
        "Aberto incidente com o fornecedor.", "Agendada nova tentativa para amanhã.", "Aguardando validação do gestor.",
        "Reenviado o link de agendamento.", "Escalado para a supervisão.", "Cliente ciente do prazo.", "Sem retorno do cliente até o momento.",
    ];

    private static readonly string[] Greetings = ["Olá", "Bom dia", "Boa tarde", "Prezados", "Oi, equipe"];

    private static readonly string[] Closings = ["Atenciosamente", "Obrigado", "Fico no aguardo", "Att.", "Grato pela atenção"];

    private static readonly string[] CallNotes =
    [
        "Ligação para confirmar dados do pedido", "Retorno ao cliente sobre o prazo", "Tentativa de contato sem sucesso", "Contato com a AR parceira",
        "Ligação de acompanhamento", "Cliente ligou cobrando posição",
    ];

    public string Name() => $"{Pick(FirstNames)} {Pick(LastNames)}";

    public string Email(string name) =>
        $"{Ascii(name).Replace(' ', '.')}{random.Next(1, 99)}@cliente.example";

    public string Phone() => $"({random.Next(11, 99)}) 9{random.Next(1000, 9999)}-{random.Next(1000, 9999)}";

    public string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(i => (char)('0' + random.Next(i == 0 ? 1 : 0, 10))));

    public string Subject(string reference) => $"{Capitalize(Pick(Problems))} - {reference}";

    public string Description() =>
        $"{Capitalize(Pick(Problems))}. Cliente informa {Detail()}. Loja de {Pick(Cities)}.";

    /// <summary>A case comment as an agent writes it: who said what, a detail with a number or date, the next step.</summary>
    public string Comment() => $"{Pick(Openers)} {Detail()}. {Pick(Actions)} Protocolo de atendimento {Digits(6)}, {random.Next(8, 19):D2}h{random.Next(0, 60):D2}.";

    public string EmailSubject(string caseNumber) => $"Re: {Capitalize(Pick(Problems))} [caso {caseNumber}]";

    public string EmailBody(string name) =>
        $"{Pick(Greetings)},\n\n{Capitalize(Pick(Problems))}: {Detail()}. {Pick(Actions)}\n\n{Pick(Closings)},\n{name}";

    public string CallNote() => $"{Pick(CallNotes)}: cliente informa {Detail()} (protocolo {Digits(6)})";

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Detail() => string.Format(CultureInfo.InvariantCulture, Pick(Details),
        $"{random.Next(1, 29):D2}/{random.Next(1, 13):D2}", Pick(Attempts), Pick(Cities), $"E{random.Next(100, 999)}", Digits(8), Name());

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Ascii(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)).ToLowerInvariant();
}
