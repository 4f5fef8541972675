using SfBridge.Salesforce;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-06: the protocol belongs to the agent who created it, whoever executes it (seed 003: transfers use the executor
/// field, the creator keeps ownership). A protocol whose owner is no longer its creator was moved the wrong way,
/// unless the creator is no longer active.
/// </summary>
public sealed class OwnershipRule : IRule
{
    public string Id => "PRO-06";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var creator = c.Case.CreatedById;
        // A creator who left (inactive user) cannot keep the protocol: moving it to someone else is then right.
        if (!c.RequireOpen())
        {
            return;
        }

        if (!SalesforceId.HasPrefix(creator, SalesforceId.UserPrefix))
        {
            c.NotApplicable("o protocolo não foi aberto por um usuário do Salesforce");
            return;
        }

        if (!c.Org.IsAgent(creator))
        {
            c.NotApplicable($"quem abriu o protocolo ({c.UserName(creator)}) não é um atendente");
            return;
        }

        if (c.Org.User(creator) is not { IsActive: true })
        {
            if (c.Org.User(creator) is null)
            {
                c.Waiting($"o usuário que abriu o protocolo ({creator}) não está entre os usuários conhecidos, e não se sabe se ainda está ativo");
            }
            else
            {
                c.NotApplicable($"quem abriu o protocolo ({c.UserName(creator)}) não está mais ativo no Salesforce");
            }

            return;
        }

        if (c.Case.OwnerId is not { } owner)
        {
            c.NotApplicable("o protocolo não tem proprietário");
            return;
        }

        if (SalesforceId.AreEqual(owner, creator))
        {
            return;
        }

        var now = c.Org.Group(owner)?.Name ?? c.OwnerDisplayName;
        // Whoever moved it is told first, when the owner history names an agent.
        var movedBy = c.Case.Changes(FieldChange.OwnerField).Where(h => SalesforceId.AreEqual(h.NewValue, owner)).MaxBy(h => h.At)?.ById;
        var mover = movedBy is not null && c.Org.IsAgent(movedBy) ? c.Person(movedBy) : [];
        c.Add(findings, Id, FindingKind.InvalidEscalation,
            $"o protocolo aberto por {c.UserName(creator)} está agora com {now}; transferências usam o campo Atendente – Executor e o protocolo continua de quem o abriu",
            mover.Concat(c.Person(creator)).Concat(c.Route("role:protocol_supervisor")), SalesforceId.To18(owner));
    }
}
