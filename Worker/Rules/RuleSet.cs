using SfBridge.Rules.Billing;
using SfBridge.Rules.Gso;
using SfBridge.Rules.PitStop;
using SfBridge.Rules.Protocol;
using SfBridge.Rules.SpecialService;

namespace SfBridge.Rules;

/// <summary>Every rule implementation. BIL-04 (approved templates) is enforced by the mapping loader and <see cref="MessageComposer"/>.</summary>
public static class RuleSet
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new InvalidCategoryRule(), new EscalationDetailsRule(), new EvidenceRule(), AcceptanceRule.Gso(), AcceptanceRule.Eps(),
        new GarStatusRule(), new CriticalMarkRule(), new LevelThreeSolutionRule(), new ClosureAfterReturnRule(),
        new TierSlaRule(), new ManagerValidationRule(), new NoAgentAvailableRule(), new ComplementaryContactRule(),
        new FirstResponseRule(), new SolutionTimeRule(), new ResolutionDeadlineRule(), new BacklogCapRule(), new HandoverRule(),
        new RequiredFieldsRule(), new CustomerUpdateRule(), new DatedResolutionRule(), new TransferRecordRule(), new ClosureRule(),
        new FollowUpRule(), new FirstActionRule(afterHours: false), new FirstActionRule(afterHours: true),
    ];
}
