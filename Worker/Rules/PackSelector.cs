using SfBridge.Mappings;

namespace SfBridge.Rules;

/// <summary>
/// Applies packs.csv. A case's pack is decided when the case first matches a row: at creation, every row in file
/// order against its record type, origin and the queue it was created in; afterwards, the queue rows against each
/// queue it reaches, in the order it reached them. The pack is kept while the case lives (accepting it out of a
/// queue does not drop it); a record-type change decides again.
/// </summary>
public static class PackSelector
{
    public static string? PackOf(CaseSnapshot c, CaseJourney journey, OrgContext org, Policy policy)
    {
        if (c.RememberedPack is { } remembered && TextKey.Of(remembered.RecordType) == TextKey.Of(c.RecordType))
        {
            return remembered.Pack;
        }

        List<(string Queue, DateTimeOffset At)>? reached = null;
        List<string>? atCreation = null;
        var recordType = TextKey.Of(c.RecordType);
        var origin = TextKey.Of(c.Origin);
        for (var i = 0; i < policy.Packs.Count; i++)
        {
            var match = policy.Packs[i];
            var matches = match.Match switch
            {
                "record_type" => recordType == match.Key,
                "queue" => (atCreation ??= AtCreation(reached ??= Reached(journey), c, org)).Contains(match.Key),
                _ => origin == match.Key,
            };
            if (matches)
            {
                return match.Pack;
            }
        }

        foreach (var (queue, _) in reached ??= Reached(journey))
        {
            var name = Name(org, queue);
            if (policy.Packs.FirstOrDefault(m => m.Match == "queue" && m.Key == name) is { } match)
            {
                return match.Pack;
            }
        }

        return null;
    }

    /// <summary>
    /// When the case came to <paramref name="pack"/>: its creation when a record-type or origin row of the pack matches it,
    /// or it was created in one of the pack's queues; else its first arrival in one of the pack's queues (its creation when
    /// it never reached one).
    /// </summary>
    public static DateTimeOffset Since(CaseSnapshot c, CaseJourney journey, OrgContext org, Policy policy, string pack) =>
        Arrival(c, journey, org, policy, pack).At;

    /// <summary>
    /// <see cref="Since"/>, with who moved the case into the pack's queue (null when it was the pack's from its creation, or
    /// the owner history does not say).
    /// </summary>
    public static (DateTimeOffset At, string? ById) Arrival(CaseSnapshot c, CaseJourney journey, OrgContext org, Policy policy, string pack)
    {
        var recordType = TextKey.Of(c.RecordType);
        var origin = TextKey.Of(c.Origin);
        var byQueue = false;
        foreach (var m in policy.Packs)
        {
            if (!string.Equals(m.Pack, pack, StringComparison.Ordinal))
            {
                continue;
            }

            if (m.Match == "queue")
            {
                byQueue = true;
            }
            else if (m.Key == (m.Match == "record_type" ? recordType : origin))
            {
                return (c.CreatedDate, null);
            }
        }

        if (!byQueue)
        {
            return (c.CreatedDate, null);
        }

        // The first arrival in any of the pack's queues: the journey's own record of each queue's first reaching.
        (DateTimeOffset At, string? ById)? first = null;
        foreach (var q in Queues(policy, org, pack))
        {
            if (journey.FirstReached(q.Id) is { } reached && (first is null || reached.At < first.Value.At))
            {
                first = reached;
            }
        }

        return first is { } arrived && arrived.At > c.CreatedDate + CreationWindow ? arrived : (c.CreatedDate, null);
    }

    /// <summary>The org's queues that a queue row of packs.csv brings into <paramref name="pack"/>.</summary>
    public static IEnumerable<QueueInfo> Queues(Policy policy, OrgContext org, string pack)
    {
        foreach (var m in policy.Packs)
        {
            if (m.Match == "queue" && string.Equals(m.Pack, pack, StringComparison.Ordinal) && org.GroupByName(m.Value) is { } q)
            {
                yield return q;
            }
        }
    }

    /// <summary>A queue reached this soon after the case's creation is the queue it was created in.</summary>
    private static readonly TimeSpan CreationWindow = TimeSpan.FromMinutes(1);

    /// <summary>The queues the case was created in (reached within a minute of its creation), by name.</summary>
    private static List<string> AtCreation(List<(string Queue, DateTimeOffset At)> reached, CaseSnapshot c, OrgContext org) =>
        reached.Where(r => r.At <= c.CreatedDate + CreationWindow).Select(r => Name(org, r.Queue)).ToList();

    private static List<(string Queue, DateTimeOffset At)> Reached(CaseJourney journey) =>
        journey.Queues.Select(q => (Queue: q, At: journey.FirstReached(q)!.Value.At)).OrderBy(r => r.At).ThenBy(r => r.Queue, StringComparer.Ordinal).ToList();

    private static string Name(OrgContext org, string queueId) => TextKey.Of(org.Group(queueId)?.DeveloperName);
}
