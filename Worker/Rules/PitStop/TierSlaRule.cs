using SfBridge.Mappings;
using SfBridge.Sla;

namespace SfBridge.Rules.PitStop;

/// <summary>PIT-01: resolution within the case's SLA tier (FAQ 7367: IS, Urgente, 2h, 4h, 24h, 72h, 10 days), paused while awaiting the customer.</summary>
public sealed class TierSlaRule : IRule
{
    public string Id => "PIT-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpenOrClosedBySalesforce())
        {
            return;
        }

        var tierName = c.Case.Field(LogicalField.SlaTier);
        if (tierName is null)
        {
            c.NotApplicable("o caso não tem nível de SLA");
            return;
        }

        if (c.Policy.Tiers.FirstOrDefault(t => TextKey.Of(t.Tier) == TextKey.Of(tierName)) is not { } tier)
        {
            c.NotApplicable($"o nível de SLA \"{tierName}\" não está em sla_tiers.csv");
            return;
        }

        var clock = c.Clock(Id, tier.Calendar, tier.Target).Measure(c.Case.CreatedDate, c.Case.EndedAt, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: !c.Case.IsClosed))
        {
            c.AddClock(findings, Id, clock, $"resolução no SLA {tier.Tier} ({tier.Target.Describe()})", c.Person(c.Case.OwnerId).Concat(c.OwnerQueueRoute()), c.Case.CreatedDate,
                warn: !c.Case.IsClosed);
        }
    }
}
