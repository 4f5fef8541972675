using SfBridge.Mappings;
using SfBridge.Sla;

namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-01: resolution within the case's SLA tier (FAQ 7367: IS, Urgente, 2h, 4h, 24h, 72h, 10 days), counted from when
/// the case got that tier (the opening, unless the tier's field history shows a later change to it), paused while
/// awaiting the customer.
/// </summary>
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

        // The tier's clock runs from when the case got that tier, when it made the deadline stricter: an OC opened as "72
        // Horas" and made "Urgente" a day later was not urgent, nor late, the day before (the tier's field history; without
        // it, the opening).
        var since = TierSince(c, tier.Target);
        var clock = c.Clock(Id, tier.Calendar, tier.Target).Measure(since, c.Case.EndedAt, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: !c.Case.IsClosed))
        {
            var what = since == c.Case.CreatedDate ? $"resolução no SLA {tier.Tier} ({tier.Target.Describe()})"
                : $"resolução no SLA {tier.Tier} ({tier.Target.Describe()}), contado de quando o caso recebeu esse nível, em {c.Local(since)}";
            c.AddClock(findings, Id, clock, what, c.Person(c.Case.OwnerId).Concat(c.OwnerQueueRoute()), since, warn: !c.Case.IsClosed);
        }
    }

    /// <summary>
    /// When the case's deadline was last made stricter: the last change of the tier field from a longer tier (or none) to
    /// a shorter one, if the case was not already late under the tier it left; else the opening. A tier relaxed later
    /// ("Urgente" to "4 Horas") keeps the start it had, and a late case made stricter stays late from the opening, so
    /// changing the tier never starts a late case's clock afresh.
    /// </summary>
    private static DateTimeOffset TierSince(RuleContext c, SlaTarget target)
    {
        if (!c.Policy.Fields.TryGetValue(LogicalField.SlaTier, out var field))
        {
            return c.Case.CreatedDate;
        }

        var changes = c.Case.Changes(field);
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            var change = changes[i];
            if (change.At > c.Now || change.At <= c.Case.CreatedDate)
            {
                continue;
            }

            var before = Tier(c, change.OldValue);
            var after = Tier(c, change.NewValue);
            if (after is null || (before is not null && !Longer(before.Target, after.Target)))
            {
                continue; // a relaxation, or a tier the mappings do not know: the start stays where it was
            }

            // Made stricter: counted from the change, unless the case was already late under the tier it left.
            var wasLate = before is not null &&
                          new SlaClock(c.Policy.Calendar(before.Calendar), before.Target, 1).Measure(c.Case.CreatedDate, null, c.Pauses(), change.At).IsBreached;
            return wasLate ? c.Case.CreatedDate : change.At;
        }

        return c.Case.CreatedDate;
    }

    private static SlaTier? Tier(RuleContext c, string? name) =>
        name is null ? null : c.Policy.Tiers.FirstOrDefault(t => TextKey.Of(t.Tier) == TextKey.Of(name));

    /// <summary>Whether one tier's target gives more time than another's (business days weigh as whole days).</summary>
    private static bool Longer(SlaTarget a, SlaTarget b) => Weight(a) > Weight(b);

    private static TimeSpan Weight(SlaTarget t) => t.IsBusinessDays ? TimeSpan.FromDays(t.BusinessDays) : t.Duration;
}
