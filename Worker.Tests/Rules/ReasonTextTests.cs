using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>A rule's reason is written for explain only: judging a case without explain makes none of its values.</summary>
public class ReasonTextTests
{
    private static RuleContext Context(RuleTrace? trace)
    {
        var c = Cases.Gso();
        var org = Org();
        return new RuleContext(c, new CaseJourney(c, org), org, Policy, "gso", Monday10) { Trace = trace, CurrentRule = "GSO-05" };
    }

    [Fact]
    public void WithoutExplain_AReasonsValuesAreNeverMade()
    {
        var context = Context(trace: null);
        var made = 0;
        string Value() => (++made).ToString(System.Globalization.CultureInfo.InvariantCulture);

        context.Waiting($"aguarda {Value()} até {context.Local(Monday10)}");
        context.NotApplicable($"não se aplica: {Value()}");

        Assert.Equal(0, made);
    }

    [Fact]
    public void WithExplain_TheReasonIsWrittenWithItsValues_AndTheFirstStatedIsKept()
    {
        var trace = new RuleTrace();
        var context = Context(trace);
        var made = 0;
        string Value() => (++made).ToString(System.Globalization.CultureInfo.InvariantCulture);

        context.Waiting($"aguarda {Value()} até {context.Local(Monday10)} ({7,3}|{0.5:P0})");
        context.NotApplicable($"não se aplica: {Value()}");

        Assert.Equal(2, made);
        Assert.Equal((Verdict.Waiting, $"aguarda 1 até 02/03/2026 10:00 (  7|{0.5:P0})"), trace.Stated("GSO-05"));
        context.CurrentRule = "GSO-06";
        context.NotApplicable($"{"regra"} sem valores de caso");
        Assert.Equal((Verdict.NotApplicable, "regra sem valores de caso"), trace.Stated("GSO-06"));
    }
}
