namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-01: after the first reply, the CMC sends the customer news at least every 15 minutes until the incident is
/// resolved (seed 004: "o retorno após a primeira mensagem deve ser enviado em até 15 minutos"). Only contacts with
/// the customer count; the customer's own messages never do. Mentions the CMC analyst and coordinator.
/// </summary>
public sealed class FollowUpRule : IRule
{
    public string Id => "BIL-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var contacts = c.Activity.Contacts.Where(i => i.At <= c.Now).ToList();
        if (!c.RequireOpen())
        {
            return;
        }

        if (contacts.Count == 0)
        {
            c.NotApplicable("ainda não houve o primeiro retorno ao cliente");
            return;
        }

        var last = contacts[^1].At;
        var clock = c.Clock(Id).Measure(last, null, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, $"último retorno ao cliente em {c.Local(last)}; o próximo era devido em até {c.Target(Id)}", Incident.AnalystAndCoordinator(c), last,
                warn: false, breachKind: FindingKind.FollowUpOverdue);
        }
    }
}
