using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-02: before the case reaches Supervisor EPS, the order number field is filled in the right format and the
/// comments carry request type, order number, customer name, e-mail, phone, address (media shipment), the
/// complaint and the AR/AGR (when the category concerns an AR).
/// </summary>
public sealed partial class EscalationDetailsRule : IRule
{
    public string Id => "GSO-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen)
        {
            return;
        }

        var category = c.Policy.Category(c.Pack, c.Case.Field(LogicalField.EscalationCategory));
        var order = c.Case.Field(LogicalField.OrderNumber);
        if (order is null)
        {
            c.Add(findings, Id, FindingKind.MissingField, "o campo número do pedido não está preenchido", GsoMentions.AgentAndEps(c), "order");
        }
        else if (!c.Settings.OrderNumberPattern.IsMatch(order))
        {
            c.Add(findings, Id, FindingKind.MissingField, $"o número do pedido \"{order}\" está fora do formato", GsoMentions.AgentAndEps(c), "order");
        }

        var text = string.Join("\n", c.Case.Comments.Select(x => x.Body));
        var key = TextKey.Of(text);
        var missing = new List<string>();
        if (!key.Contains("tipo de solicitacao", StringComparison.Ordinal) && (category is null || !key.Contains(TextKey.Of(category.Name), StringComparison.Ordinal)))
        {
            missing.Add("tipo de solicitação");
        }

        if (order is not null ? !text.Contains(order, StringComparison.Ordinal) : !OrderDigits().IsMatch(text))
        {
            missing.Add("número do pedido");
        }

        if (!CustomerName().IsMatch(text))
        {
            missing.Add("nome do cliente");
        }

        if (!text.Contains('@', StringComparison.Ordinal) || !Email().IsMatch(text))
        {
            missing.Add("e-mail");
        }

        if (!Phone().IsMatch(text))
        {
            missing.Add("telefone");
        }

        if (category?.MediaShipment == true && !Address().IsMatch(key))
        {
            missing.Add("endereço para envio da mídia");
        }

        if (!Complaint().IsMatch(key))
        {
            missing.Add("descrição da reclamação");
        }

        if (category?.ConcernsAr == true && !ArName().IsMatch(text))
        {
            missing.Add("nome da AR/AGR");
        }

        if (missing.Count > 0)
        {
            c.Add(findings, Id, FindingKind.CommentIncomplete, "faltam nos comentários: " + string.Join(", ", missing), GsoMentions.AgentAndEps(c), "comments");
        }
    }

    [GeneratedRegex(@"\b\d{6,12}\b")]
    private static partial Regex OrderDigits();

    [GeneratedRegex(@"(?i)\bcliente\s*:\s*\p{L}{2,}")]
    private static partial Regex CustomerName();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\(?\b\d{2}\)?\s?9?\d{4}-?\d{4}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"endereco|\b(rua|av|avenida|alameda|travessa|rodovia)\b")]
    private static partial Regex Address();

    [GeneratedRegex(@"reclama|informa|relata|alega|solicita|pede|nao (conseguiu|recebeu)")]
    private static partial Regex Complaint();

    [GeneratedRegex(@"\bAG?R\b")]
    private static partial Regex ArName();
}
