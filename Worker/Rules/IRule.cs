namespace SfBridge.Rules;

/// <summary>One rule of one pack: a pure function of the case, the org context, the policy and the instant.</summary>
public interface IRule
{
    string Id { get; }

    void Evaluate(RuleContext c, List<FindingDraft> findings);
}
