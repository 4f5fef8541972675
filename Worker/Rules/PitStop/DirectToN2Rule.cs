namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-05: after the manager validates it, an escalation to N2 is opened in the APOIO N1 queue and APOIO sends it to
/// N2 (seed 001, 2.6). A case that reached the N2 queue without having been in APOIO N1 before went around it. The
/// queue's people and the members of pitstop.apoio_groups (APOIO da gestão: Zenaide, Fernanda, Janne) are APOIO.
/// </summary>
public sealed class DirectToN2Rule : IRule
{
    public string Id => "PIT-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen() || c.ReachedBypassing(c.Settings.N2Queue, c.Settings.ApoioN1Queue, c.Settings.ApoioGroups) is not { } n2)
        {
            return;
        }

        var who = n2.ById is { } by ? $" por {c.UserName(by)}" : "";
        c.Add(findings, Id, FindingKind.UnvalidatedEscalation, $"enviado direto ao N2 em {c.Local(n2.At)}{who}, sem passar pela fila APOIO N1",
            c.Person(n2.ById ?? c.Case.CreatedById).Concat(c.Route("queue:" + c.Settings.N2Queue)), RuleContext.Instance(n2.At));
    }
}
