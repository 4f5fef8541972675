namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-05: every billing case carries the incident number; when the customer could not open the incident the CMC
/// helps open it and returns "com o número do incidente" (seed 004). After the target (30 minutes) without it, the
/// field is missing. The clock stops while the case awaits the customer (status.pause): the CMC asked for the number
/// ("Entraremos em contato no privado… Gentileza aguardar"), and until the customer answers it is not the CMC's delay.
/// </summary>
public sealed class IncidentNumberRule : IRule
{
    public string Id => "BIL-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (Incident.Number(c) is { } incident)
        {
            c.NotApplicable($"o caso já tem o número do incidente ({incident})");
            return;
        }

        var clock = c.Clock(Id).Measure(c.PackSince, null, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            // A field filled to get past it ("N/A", "-") is still no number: the text quotes it, so the agent sees why.
            var filler = c.Case.Field(LogicalField.IncidentNumber) is { Length: > 0 } typed ? $" (o campo diz \"{Salesforce.ChatterText.Clip(Salesforce.ChatterText.OneLine(typed).Trim(), 40)}\", que não é um número)" : "";
            var from = c.PackSince > c.Case.CreatedDate ? $"após chegar à fila do faturamento ({c.Local(c.PackSince)})" : "após a abertura";
            c.AddClock(findings, Id, clock, $"caso de faturamento sem o número do incidente {c.Target(Id)} {from}{filler}",
                Incident.AnalystAndCoordinator(c).Concat(c.OwnerQueueRoute()), c.PackSince, warn: false, breachKind: FindingKind.MissingField);
        }
    }
}
