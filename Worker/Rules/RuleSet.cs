using SfBridge.Rules.Billing;
using SfBridge.Rules.Gso;
using SfBridge.Rules.PitStop;
using SfBridge.Rules.Protocol;
using SfBridge.Rules.SpecialService;

namespace SfBridge.Rules;

/// <summary>Every rule implementation, one per rule id of the catalogue.</summary>
public static class RuleSet
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new InvalidCategoryRule(), new EscalationDetailsRule(), new EvidenceRule(), AcceptanceRule.Gso(), AcceptanceRule.Eps(),
        new GarStatusRule(), new CriticalMarkRule(), new LevelThreeSolutionRule(), new ClosureAfterReturnRule(), new BypassedEpsRule(),
        new TierSlaRule(), new ManagerValidationRule(), new NoAgentAvailableRule(), new ComplementaryContactRule(), new DirectToN2Rule(),
        new FirstResponseRule(), new SolutionTimeRule(), new ResolutionDeadlineRule(), new BacklogCapRule(), new HandoverRule(), new OtherSectorRule(),
        new RequiredFieldsRule(), new CustomerUpdateRule(), new DatedResolutionRule(), new TransferRecordRule(), new ClosureRule(), new OwnershipRule(),
        new FollowUpRule(), new FirstActionRule(), new AfterHoursRule(), new MessageStyleRule(), new IncidentNumberRule(),
    ];
}
