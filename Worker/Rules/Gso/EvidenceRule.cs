using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-03: for categories that call for evidence, a WhatsApp case needs an attachment and a phone case needs
/// the customer's reply to the protocol e-mail with an attachment. Judged once the case has been escalated.
/// </summary>
public sealed class EvidenceRule : IRule
{
    public string Id => "GSO-03";

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

        var categoryName = c.Case.Field(LogicalField.EscalationCategory);
        var category = c.Policy.Category(c.Pack, categoryName);
        if (category is not { RequiresEvidence: true })
        {
            if (categoryName is null)
            {
                c.NotApplicable("o caso não tem categoria de escalonamento");
            }
            else if (category is null)
            {
                c.NotApplicable($"a categoria \"{categoryName}\" não está em categories.csv, e não se sabe se exige evidência (GSO-01 aponta a categoria)");
            }
            else
            {
                c.NotApplicable($"a categoria \"{categoryName}\" não exige evidência");
            }
            return;
        }

        if (PolicySettings.Is(c.Settings.WhatsAppOrigins, c.Case.Origin) && c.Case.AttachmentCount == 0)
        {
            c.Add(findings, Id, FindingKind.MissingEvidence, "atendimento por WhatsApp sem evidência anexada ao caso", GsoMentions.AgentAndEps(c), "whatsapp");
        }
        else if (PolicySettings.Is(c.Settings.PhoneOrigins, c.Case.Origin) && !c.Case.Emails.Any(e => e.Incoming && e.HasAttachment))
        {
            c.Add(findings, Id, FindingKind.MissingEvidence, "atendimento por voz, e o cliente ainda não respondeu o e-mail do protocolo com as evidências",
                GsoMentions.AgentAndEps(c), "phone");
        }
    }
}
