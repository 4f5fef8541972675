using SfBridge.Mappings;

namespace SfBridge.Rules.PitStop;

/// <summary>PIT-04: an OC opened for a complementary contact and closed with FAQ 7347 must point at the original OC (parent case).</summary>
public sealed class ComplementaryContactRule : IRule
{
    public string Id => "PIT-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var marker = Marker(c.Settings);
        var complementary = marker.IsMatch(TextKey.Of(c.Case.Type)) || marker.IsMatch(TextKey.Of(c.Case.Subject));
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

    /// <summary>
    /// The marker as agents write it: its words and numbers in order, whatever stands between them ("FAQ 7347", "FAQ7347",
    /// "FAQ-7347", "FAQ: 7347", "FAQ nº 7347"), and never as part of a longer number or word ("FAQ 73471"). Built once per
    /// marker text.
    /// </summary>
    internal static System.Text.RegularExpressions.Regex Marker(PolicySettings settings) => Markers.GetValue(settings, static s =>
    {
        var runs = PolicySettings.MarkerRuns(s.ComplementaryContactMarker).Select(System.Text.RegularExpressions.Regex.Escape);
        return new System.Text.RegularExpressions.Regex("(?<![a-z0-9])" + string.Join(@"[^a-z0-9]*(?:n[o.]?[^a-z0-9]*)?", runs) + "(?![a-z0-9])",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    });

    // Built once per loaded mappings, and let go with them.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicySettings, System.Text.RegularExpressions.Regex> Markers = [];
}
