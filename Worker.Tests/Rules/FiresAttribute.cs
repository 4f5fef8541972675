namespace SfBridge.Tests.Rules;

/// <summary>Marks a test that shows the rule producing a finding; RuleCoverageTests checks every rule has one.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FiresAttribute(string ruleId) : Attribute
{
    public string RuleId { get; } = ruleId;
}
