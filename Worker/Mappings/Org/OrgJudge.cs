using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// Judges a loaded mapping folder against what the org showed (<see cref="OrgFacts"/>): pure, no calls. Every problem
/// names the file, line and column its value came from; those about the org itself (an object the worker reads, a
/// standard field) are named "org".
/// </summary>
public static partial class OrgJudge
{
    /// <summary>Every object the worker queries, what for, and whether every case query needs it (a Case subquery).</summary>
    private static readonly (string Object, string Purpose, bool CaseQuery)[] ObjectsRead =
    [
        ("Case", "the case sync reads", true),
        ("CaseComment", "the case query reads as comments", true),
        ("EmailMessage", "the case query reads as e-mails", true),
        ("Task", "the case query reads as logged calls", true),
        ("ContentDocumentLink", "the case query reads as attachments", true),
        ("CaseHistory", "the case query reads as status, owner and awaiting history", true),
        ("ContentVersion", "tells which cases got new files", false),
        ("User", "the people sync reads", false),
        ("Group", "the queue and group sync reads", false),
        ("GroupMember", "the queue and group sync reads", false),
        ("UserRole", "the role sync reads", false),
        ("ServicePresenceStatus", "the Omni-Channel sync reads (PIT-03)", false),
        ("UserServicePresence", "the Omni-Channel sync reads (PIT-03)", false),
        ("PendingServiceRouting", "the Omni-Channel sync reads (GSO-04, PIT-03)", false),
        ("AgentWork", "the Omni-Channel sync reads (GSO-04, PIT-03)", false),
        ("Account", "the key-account sync reads", false),
        ("FeedItem", "alert delivery reads to never post twice", false),
        ("FeedComment", "alert delivery reads as acknowledgements", false),
    ];

    private static readonly (string Object, string Purpose, bool CaseQuery)[] MessagingObjectsRead =
    [
        ("MessagingSession", "the messaging sync reads (contact.sources has messaging)", false),
        ("ConversationEntry", "the messaging sync reads (contact.sources has messaging)", false),
    ];

    public static IReadOnlyList<OrgProblem> Judge(Policy policy, MappingReferences references, OrgFacts facts)
    {
        var problems = new List<OrgProblem>();
        problems.AddRange(facts.Refused.Select(r => OrgProblem.Org("could not read: " + r)));
        problems.AddRange(Objects(policy, facts));
        problems.AddRange(Fields(policy, references, facts));
        problems.AddRange(Categories(policy, references, facts));
        problems.AddRange(Tiers(policy, references, facts));
        problems.AddRange(References(references, facts));
        return problems.OrderBy(p => p.Error.File == "org" ? 0 : 1).ThenBy(p => p.Error.File, StringComparer.Ordinal)
            .ThenBy(p => p.Error.Line).ThenBy(p => p.Error.Column).ToList();
    }

    private static IEnumerable<OrgProblem> Objects(Policy policy, OrgFacts facts)
    {
        if (facts.Queryable is not { } queryable)
        {
            yield break; // the global describe was refused: noted once already
        }

        var read = policy.Settings.ContactSources.Contains(Interaction.Messaging) ? ObjectsRead.Concat(MessagingObjectsRead) : ObjectsRead;
        foreach (var (name, purpose, caseQuery) in read.Where(o => !queryable.GetValueOrDefault(o.Object)))
        {
            var what = queryable.ContainsKey(name) ? "cannot query" : "cannot see";
            yield return OrgProblem.Org($"the integration user {what} {name}, which {purpose}: give it read access to {name}" +
                                        (caseQuery ? "; every case query would fail" : ""), caseQuery);
        }
    }

    /// <summary>Closest of <paramref name="candidates"/> to <paramref name="value"/> as the category matching compares text, when close enough to suggest.</summary>
    private static string? Closest(string value, IEnumerable<string> candidates, IEnumerable<string>? keys = null)
    {
        var similarity = new F23.StringSimilarity.NormalizedLevenshtein();
        var targets = (keys ?? [value]).Select(k => TextKey.WithoutGloss(TextKey.Of(k))).ToList();
        var best = candidates.Select(c => (Candidate: c, Score: targets.Max(t => similarity.Similarity(t, TextKey.WithoutGloss(TextKey.Of(c))))))
            .DefaultIfEmpty().MaxBy(x => x.Score);
        return best.Score >= 0.6 ? best.Candidate : null;
    }
}
