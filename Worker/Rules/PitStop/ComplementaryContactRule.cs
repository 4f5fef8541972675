using SfBridge.Mappings;

namespace SfBridge.Rules.PitStop;

/// <summary>PIT-04: an OC opened for a complementary contact and closed with FAQ 7347 must point at the original OC (parent case).</summary>
public sealed class ComplementaryContactRule : IRule
{
    public string Id => "PIT-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var marker = TextKey.Of(c.Settings.ComplementaryContactMarker);
        var complementary = TextKey.Of(c.Case.Type).Contains(marker, StringComparison.Ordinal) || TextKey.Of(c.Case.Subject).Contains(marker, StringComparison.Ordinal);
        if (!complementary)
        {
            c.NotApplicable($"o caso não é uma OC de contato complementar ({c.Settings.ComplementaryContactMarker})");
            return;
        }

        if (!c.Case.IsClosed)
        {
            c.NotApplicable("a OC de contato complementar ainda não foi encerrada");
            return;
        }

        if (c.Case.ParentId is null)
        {
            c.Add(findings, Id, FindingKind.MissingField, $"OC de contato complementar ({c.Settings.ComplementaryContactMarker}) encerrada sem o caso pai",
                c.Person(c.Case.OwnerId).Concat(c.OwnerQueueRoute()), "parent");
        }
    }
}
