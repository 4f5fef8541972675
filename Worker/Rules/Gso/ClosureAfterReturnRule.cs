using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-08: once returned to N2 ("Concluído III") the case must be closed within the target (1 business day): "após a
/// tratativa, é obrigatório realizar o fechamento do caso" (seed 000). N2 taking the case up again (another status)
/// does not stop the clock; the case going back to GSO (its queue, one of its people, an Omni-Channel routing) does, and so
/// does closing it: a case closed after the return and reopened later met that return's duty. The clock stops while the case
/// awaits the customer (status.pause): N2 e-mailing the customer about the solution ("se necessário, envie um e-mail para o
/// cliente") closes once they answer.
/// </summary>
public sealed class ClosureAfterReturnRule : IRule
{
    public string Id => "GSO-08";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var (isReturned, change) = GsoReturn.Of(c);
        if (!isReturned)
        {
            c.NotApplicable($"o caso está com o status \"{c.Case.Status}\", e a regra só vale para \"{c.Settings.ReturnedStatus}\"");
            return;
        }

        var returned = change?.At ?? c.Case.SystemModstamp ?? c.Case.CreatedDate;
        if (change is not null && GsoReturn.ClosedSince(c, returned))
        {
            c.NotApplicable($"o caso foi encerrado depois da devolução de {c.Local(returned)} e reaberto: aquela devolução foi cumprida");
            return;
        }

        var clock = c.Clock(Id).Measure(returned, null, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            // Without status history the return is dated by the case's last change, which is when it was returned at the latest.
            var when = change is null ? $"até {c.Local(returned)} (a última alteração do caso; o histórico de status não registra a devolução)" : $"em {c.Local(returned)}";
            c.AddClock(findings, Id, clock, $"devolvido ao N2 {when} e ainda não fechado (prazo de {c.Target(Id)})",
                GsoMentions.EscalatorAndEps(c, N2(c, change)), returned, warn: false, breachKind: FindingKind.ClosurePending);
        }
    }

    /// <summary>
    /// Who is to close the returned case: its owner, unless the owner is GSO's (a member of its queue, the person who set the
    /// return, or one who took the case from GSO's queue in Omni-Channel), who did their part by returning it; then whoever
    /// sent the case to GSO this time ("o caso volta para o responsável N2 que escalou o caso", seed 000: Supervisor EPS, who
    /// "realiza o escalonamento para o GSO"), when the history shows who, beside the Supervisor EPS queue's people.
    /// </summary>
    private static string? N2(RuleContext c, FieldChange? change)
    {
        var owner = c.Case.OwnerId;
        var gso = c.Queue(c.Settings.GsoQueue);
        // GSO's: a member of its queue, whoever set the return, or one who took the case from GSO's queue in Omni-Channel.
        bool IsGsos(string? user) => SalesforceId.IsValid(user) &&
                                     ((gso is not null && c.Org.IsMember(gso.Id, user)) || SalesforceId.AreEqual(change?.ById, user) ||
                                      (gso is not null && c.Org.AgentWork(c.Case.Id).Any(w => w.AcceptDateTime is not null && SalesforceId.AreEqual(w.GroupId, gso.Id) && SalesforceId.AreEqual(w.UserId, user))));
        if (!IsGsos(owner))
        {
            return owner;
        }

        // This trip's sender: the last move into GSO's queue before the return by someone not GSO's own (GSO's people put a case
        // back in their queue too), else whoever the journey says first sent it.
        var sent = gso is null ? null : c.Case.Changes(FieldChange.OwnerField)
            .LastOrDefault(h => SalesforceId.AreEqual(h.NewValue, gso.Id) && (change is null || h.At <= change.At) && !IsGsos(h.ById));
        var escalator = sent is not null ? sent.ById : c.Reached(c.Settings.GsoQueue)?.ById;
        return IsGsos(escalator) ? null : escalator;
    }
}
