using System.Reflection;
using SfBridge.Rules;

namespace SfBridge.Tests.Rules;

public sealed class RuleCoverageTests
{
    /// <summary>The rule ids of POLICY.md's five packs.</summary>
    private static readonly string[] PolicyRuleIds =
    [
        "GSO-01", "GSO-02", "GSO-03", "GSO-04", "GSO-05", "GSO-06", "GSO-07", "GSO-08",
        "PIT-01", "PIT-02", "PIT-03", "PIT-04",
        "SS-01", "SS-02", "SS-03", "SS-04", "SS-05",
        "PRO-01", "PRO-02", "PRO-03", "PRO-04", "PRO-05",
        "BIL-01", "BIL-02", "BIL-03", "BIL-04",
    ];

    private static readonly HashSet<string> Fired = typeof(RuleCoverageTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods()).SelectMany(m => m.GetCustomAttributes<FiresAttribute>()).Select(a => a.RuleId).ToHashSet();

    public static TheoryData<string> CatalogRules => [.. RuleCatalog.Rules.Keys];

    [Theory]
    [MemberData(nameof(CatalogRules))]
    public void EveryRule_HasAFiringTest(string ruleId) => Assert.Contains(ruleId, Fired);

    [Fact]
    public void Catalog_CoversEveryPolicyRule() => Assert.Empty(PolicyRuleIds.Except(RuleCatalog.Rules.Keys));

    [Fact]
    public void EveryCatalogRule_ExceptTemplateRules_HasAnImplementation() =>
        Assert.Equal(RuleCatalog.Rules.Keys.Where(id => id != "BIL-04").Order(), RuleSet.All.Select(r => r.Id).Order());
}
