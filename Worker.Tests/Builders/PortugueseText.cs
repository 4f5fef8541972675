using System.Globalization;
using System.Text;

namespace SfBridge.Tests.Builders;

/// <summary>Seeded Portuguese prose: agents' notes, with the items the rules read in a realistic share of them.</summary>
public sealed class PortugueseText(Random random)
{
    private static readonly string[] Words =
    [
        "cliente", "solicitação", "atendimento", "análise", "sistema", "retorno", "informação", "validação", "verificação", "pendência",
        "documento", "certificado", "emissão", "renovação", "agendamento", "unidade", "posto", "prazo", "situação", "contato", "equipe",
        "conferência", "mídia", "token", "cartão", "leitora", "instalação", "senha", "bloqueio", "desbloqueio", "faturamento", "boleto",
        "nota", "fiscal", "pagamento", "compensação", "estorno", "cobrança", "protocolo", "registro", "ocorrência", "suporte", "técnico",
        "gerente", "supervisor", "fila", "plataforma", "acesso", "portal", "aplicativo", "navegador", "versão", "atualização", "erro",
        "mensagem", "tela", "configuração", "ambiente", "servidor", "integração", "arquivo", "relatório", "estoque", "loja", "filial",
        "hoje", "ontem", "amanhã", "manhã", "tarde", "semana", "urgente", "aguardo", "novamente", "ainda", "também", "porém", "então",
        "conforme", "segundo", "após", "antes", "durante", "sobre", "entre", "sem", "com", "para", "pela", "pelo", "na", "no", "da", "do",
        "de", "em", "foi", "está", "segue", "fica", "tenta", "confirma", "orientado", "verificado", "realizado", "concluído", "pendente",
        "aprovado", "recusado", "liberado", "enviado", "recebido", "anexado", "registrado", "ajustado", "corrigido", "reiniciado",
    ];

    private static readonly string[] FirstNames = ["Ana", "Bruno", "Carla", "Diego", "Elaine", "Fábio", "Gabriela", "Heitor", "Íris", "João", "Lúcia", "Márcio", "Natália", "Otávio", "Paula", "Raquel", "Sérgio", "Tânia", "Vítor", "Zilda"];

    private static readonly string[] LastNames = ["Almeida", "Barbosa", "Cardoso", "Dias", "Esteves", "Ferreira", "Gonçalves", "Hoffmann", "Lima", "Moreira", "Nogueira", "Oliveira", "Pereira", "Queiroz", "Rocha", "Souza", "Teixeira", "Vasconcelos"];

    private static readonly string[] Situations =
    [
        "Não tem agenda disponível", "Liberação de pedido aguardando validação", "atraso no envio da mídia", "sem mídia disponível",
        "videoconferência não realizada", "caso crítico de ouvidoria", "ponto físico fechado",
    ];

    public string Name() => $"{Pick(FirstNames)} {Pick(LastNames)}";

    public string OrderNumber() => random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    public string Subject() => Capital(Prose(random.Next(3, 8)));

    /// <summary>A note for a case of pack <paramref name="pack"/> (0 GSO, 1 Pit Stop, 2 special service, 3 protocol, 4 billing).</summary>
    public string Comment(int pack)
    {
        var sb = new StringBuilder(256);
        switch (pack)
        {
            case 0:
                if (random.Next(3) > 0)
                {
                    sb.Append(random.Next(2) == 0 ? "Tipo de solicitação: " : "Situação: ").Append(Pick(Situations)).Append(". ");
                }

                if (random.Next(3) > 0)
                {
                    sb.Append("Pedido ").Append(OrderNumber()).Append(", mídia token. ");
                }

                if (random.Next(2) == 0)
                {
                    var name = Name();
                    sb.Append("Cliente: ").Append(name).Append(", ").Append(name.ToLowerInvariant().Replace(' ', '.')).Append("@cliente.example, (")
                        .Append(random.Next(11, 99)).Append(") 9").Append(random.Next(1000, 9999)).Append('-').Append(random.Next(1000, 9999)).Append(". ");
                }

                if (random.Next(2) == 0)
                {
                    sb.Append("Cliente reclama que ").Append(Prose(random.Next(5, 12))).Append(". ");
                }

                break;
            case 3:
                if (random.Next(3) == 0)
                {
                    sb.Append(random.Next(1, 28)).Append("/0").Append(random.Next(1, 9)).Append(" - motivo: ").Append(Prose(3)).Append(" - para ")
                        .Append(random.Next(2) == 0 ? "N2" : "Financeiro").Append(". ");
                }
                else if (random.Next(3) == 0)
                {
                    sb.Append("Análise ").Append(random.Next(1, 28)).Append("/03/2026 ").Append(Pick(FirstNames)).Append(" - ").Append(Prose(4)).Append(". ");
                }

                break;
            case 4:
                sb.Append(random.Next(3) switch { 0 => "Bom dia, ", 1 => "Boa tarde, ", _ => "Boa noite, " }).Append(Pick(FirstNames)).Append("! ");
                if (random.Next(5) == 0)
                {
                    sb.Append("Vou estar verificando ").Append(Prose(3)).Append(". ");
                }

                break;
        }

        sb.Append(Capital(Prose(random.Next(8, 25)))).Append('.');
        return sb.ToString();
    }

    private string Prose(int words)
    {
        var sb = new StringBuilder(words * 9);
        for (var k = 0; k < words; k++)
        {
            sb.Append(k == 0 ? "" : " ").Append(Pick(Words));
        }

        // A number of its own keeps every text distinct, as real notes are (dates, amounts, tickets).
        return sb.Append(' ').Append(random.Next(1, 1_000_000)).ToString();
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
