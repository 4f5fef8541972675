using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-05: for order-release categories GAR must still show a status the category may be escalated in;
/// APROVADO/EMITIDO makes the escalation undue, an unknown order is flagged, and escalating earlier than the
/// category's minimum after GAR validation is premature. Without GAR data the rule waits (never guesses).
/// </summary>
public sealed class GarStatusRule : IRule
{
    public string Id => "GSO-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen || !c.Org.HasGar || c.Policy.Category(c.Pack, c.Case.Field(LogicalField.EscalationCategory)) is not { OrderRelease: true } category ||
            c.Case.Field(LogicalField.OrderNumber) is not { } number || !c.Org.GarKnows(number))
        {
            return; // GAR down, not configured, or this order not looked up yet: postpone rather than guess
        }

        var mentions = GsoMentions.AgentAndEps(c);
        if (c.Org.Order(number) is not { } order)
        {
            c.Add(findings, Id, FindingKind.GarMismatch, $"o pedido {number} não existe no GAR", mentions, "unknown:" + number);
        }
        else if (c.Settings.OrderApprovedStatuses.Contains(order.Status))
        {
            c.Add(findings, Id, FindingKind.GarMismatch, $"o pedido {number} já está {order.Status} no GAR: escalonamento indevido", mentions, "undue:" + order.Status);
        }
        else if (!category.GarStatuses.Contains(order.Status))
        {
            c.Add(findings, Id, FindingKind.GarMismatch,
                $"o GAR mostra o pedido {number} em {order.Status}, e a categoria pede {string.Join(" ou ", category.GarStatuses)}", mentions, "status:" + order.Status);
        }
        else if (category.MinHoursAfterValidation > 0 && order.ValidatedAt is { } validated &&
                 c.Case.CreatedDate < validated.AddHours(category.MinHoursAfterValidation))
        {
            var hours = (int)(c.Case.CreatedDate - validated).TotalHours;
            c.Add(findings, Id, FindingKind.GarMismatch,
                $"escalonado {hours}h após a validação de {c.Local(validated)}; o mínimo é {category.MinHoursAfterValidation}h (escalonamento prematuro)", mentions, "premature");
        }
    }
}
