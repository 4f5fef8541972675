using SfBridge.Mappings;
using SfBridge.Sla;

namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-01: resolution within the case's SLA tier (FAQ 7367: IS, Urgente, 2h, 4h, 24h, 72h, 10 days), counted from the
/// opening, or from the last change of the tier that made the deadline stricter while the case was not yet late (the
/// tier field's history), paused while awaiting the customer.
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

        // An OC opened as "72 Horas" and made "Urgente" a day later was not urgent, nor late, the day before: the clock runs
        // from the last change that made the deadline stricter (the tier's field history; without it, the opening). A case
        // already late under the tier it held stays late under it, whatever the tier is changed to afterwards.
        var (since, lateUnder) = TierSince(c);
        var tierName = lateUnder ?? c.Case.Field(LogicalField.SlaTier);
        if (tierName is null)
        {
            c.NotApplicable("o caso não tem nível de SLA");
            return;
        }

        if (Tier(c, tierName) is not { } tier)
        {
            c.NotApplicable($"o nível de SLA \"{tierName}\" não está em sla_tiers.csv");
            return;
        }

        var clock = c.Clock(Id, tier.Calendar, tier.Target).Measure(since, c.Case.EndedAt, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: !c.Case.IsClosed))
        {
            var what = since == c.Case.CreatedDate ? $"resolução no SLA {tier.Tier} ({tier.Target.Describe()})"
                : $"resolução no SLA {tier.Tier} ({tier.Target.Describe()}), contado da mudança de nível que encurtou o prazo, em {c.Local(since)}";
            c.AddClock(findings, Id, clock, what, c.Person(c.Case.OwnerId).Concat(c.OwnerQueueRoute()), since, warn: !c.Case.IsClosed);
        }
    }

    /// <summary>
    /// Where the case's tier clock starts, read forward through the tier field's history: the opening, then each change
    /// that made the deadline stricter (from a longer tier, or from none ever set) while the case had never been late,
    /// each tier measured from the start it had. A relaxation, a tier the mappings do not know, or a tier cleared and set
    /// again keeps the start; once late, the case keeps its start, its breach key and the tier it was late under (returned
    /// as LateUnder), whatever the tier does next: a deadline missed is not unmissed by relaxing or clearing the tier.
    /// </summary>
    private static (DateTimeOffset Since, string? LateUnder) TierSince(RuleContext c)
    {
        var start = c.Case.CreatedDate;
        var changes = c.Case.Changes(c.Policy.Fields[LogicalField.SlaTier]);
        string? held = changes.Count > 0 && !string.IsNullOrWhiteSpace(changes[0].OldValue) ? changes[0].OldValue : null; // the tier at the opening
        foreach (var change in changes)
        {
            var before = Tier(c, held);
            if (change.At > c.Now)
            {
                break;
            }

            if (before is not null && new SlaClock(c.Policy.Calendar(before.Calendar), before.Target, 1).Measure(start, null, c.Pauses(), change.At).IsBreached)
            {
                return (start, held); // late under the tier it held: the start, the breach key and that tier stay
            }

            if (change.At > c.Case.CreatedDate && Tier(c, change.NewValue) is { } after && (held is null || (before is not null && Longer(before.Target, after.Target))))
            {
                start = change.At;
            }

            held = string.IsNullOrWhiteSpace(change.NewValue) ? held : change.NewValue;
        }

        return (start, null);
    }

    private static SlaTier? Tier(RuleContext c, string? name) =>
        name is null ? null : c.Policy.Tiers.FirstOrDefault(t => TextKey.Of(t.Tier) == TextKey.Of(name));

    /// <summary>Whether one tier's target gives more time than another's (business days weigh as whole days).</summary>
    private static bool Longer(SlaTarget a, SlaTarget b) => Weight(a) > Weight(b);

    private static TimeSpan Weight(SlaTarget t) => t.IsBusinessDays ? TimeSpan.FromDays(t.BusinessDays) : t.Duration;
}
