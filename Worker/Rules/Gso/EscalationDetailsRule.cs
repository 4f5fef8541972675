using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-02: by the time the case reaches Supervisor EPS, (a) its dedicated fields are filled: order number (well
/// formed), media type, customer e-mail and phone, the address for media-shipment categories and the AR/AGR for AR
/// categories; and (b) the agents' comments carry the request type, the order number, the customer's name, e-mail and
/// phone, the address (media shipment), the complaint, and the AR/AGR (AR categories), read by
/// <see cref="EscalationComments"/> against the case's own data.
/// </summary>
public sealed partial class EscalationDetailsRule : IRule
{
    public string Id => "GSO-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (GsoMentions.Escalated(c) is null)
        {
            c.NotApplicable("o caso ainda não foi escalado ao Supervisor EPS nem ao GSO");
            return;
        }

        var category = c.Policy.Category(c.Pack, c.Case.Field(LogicalField.EscalationCategory));
        var order = c.Case.Field(LogicalField.OrderNumber);
        var email = c.Case.Field(LogicalField.CustomerEmail);
        var phone = c.Case.Field(LogicalField.CustomerPhone);
        var address = c.Case.Field(LogicalField.CustomerAddress);
        var ar = c.Case.Field(LogicalField.ArName);

        var fields = new List<string>(6);
        Require(order, "número do pedido", v => c.Settings.OrderNumberPattern.IsMatch(v.Trim()), "fora do formato");
        Require(c.Case.Field(LogicalField.MediaType), "tipo de mídia");
        Require(email, "e-mail do cliente", v => IsEmail(v.Trim()), "inválido");
        Require(phone, "telefone do cliente", v => EscalationComments.WithoutExtension(v).Count(char.IsAsciiDigit) is >= 10 and <= 13, "inválido");
        if (category?.MediaShipment == true)
        {
            Require(address, "endereço do cliente");
        }

        if (category?.ConcernsAr == true)
        {
            Require(ar, "nome da AR/AGR");
        }

        if (fields.Count > 0)
        {
            c.Add(findings, Id, FindingKind.MissingField, "campos do caso a preencher: " + string.Join(", ", fields), GsoMentions.AgentAndEps(c), "fields");
        }

        var text = string.Join("\n", c.Activity.AgentComments.Select(a => a.Text));
        var wordings = category?.Keys ?? [];
        var content = EscalationComments.Read(text, new EscalationData(wordings, order, c.Case.Field(LogicalField.CustomerName), email, phone, address, ar));
        var missing = new List<string>(8);
        Expect(content.RequestType, "tipo de solicitação");
        if (!content.OrderNumber)
        {
            missing.Add(order is null ? "número do pedido" : $"número do pedido ({order})"); // written only when missing
        }

        Expect(content.CustomerName, "nome do cliente");
        if (!content.Email)
        {
            missing.Add(email is null ? "e-mail do cliente" : $"e-mail do cliente ({email})");
        }

        Expect(content.Phone, "telefone do cliente");
        Expect(content.Complaint, "descrição da reclamação");
        if (category?.MediaShipment == true)
        {
            Expect(content.Address, "endereço para envio da mídia");
        }

        if (category?.ConcernsAr == true)
        {
            Expect(content.ArName, "nome da AR/AGR");
        }

        if (missing.Count > 0)
        {
            c.Add(findings, Id, FindingKind.CommentIncomplete, "faltam nos comentários: " + string.Join(", ", missing), GsoMentions.AgentAndEps(c), "comments");
        }

        void Require(string? value, string label, Func<string, bool>? valid = null, string problem = "")
        {
            if (value is null)
            {
                fields.Add(label);
            }
            else if (valid is not null && !valid(value))
            {
                fields.Add($"{label} \"{value}\" {problem}");
            }
        }

        void Expect(bool present, string label)
        {
            if (!present)
            {
                missing.Add(label);
            }
        }
    }

    /// <summary>
    /// name@domain.tld: one "@" with something before it, no space, and a dot in the domain with something on each side. The
    /// domain's dot is found by hand, not by the pattern: "[^@\s]+\.[^@\s]+" backtracks over every dot of a long value.
    /// </summary>
    private static bool IsEmail(string value)
    {
        if (EmailField().Match(value) is not { Success: true } m)
        {
            return false;
        }

        var domain = m.Groups["domain"].ValueSpan;
        var dot = domain[1..].IndexOf('.') + 1;
        return dot > 0 && dot < domain.Length - 1;
    }

    [GeneratedRegex(@"^[^@\s]+@(?<domain>[^@\s]+)$")]
    private static partial Regex EmailField();
}
