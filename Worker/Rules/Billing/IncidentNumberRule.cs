namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-05: every billing case carries the incident number; when the customer could not open the incident the CMC
/// helps open it and returns "com o número do incidente" (seed 004). After the target (30 minutes) without it, the
/// field is missing.
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

        if (c.Case.Field(LogicalField.IncidentNumber) is { } incident)
        {
            c.NotApplicable($"o caso já tem o número do incidente ({incident})");
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, $"caso de faturamento sem o número do incidente {c.Target(Id)} após a abertura",
                Incident.AnalystAndCoordinator(c).Concat(c.OwnerQueueRoute()), c.Case.CreatedDate, warn: false, breachKind: FindingKind.MissingField);
        }
    }
}
