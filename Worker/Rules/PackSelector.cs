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
        foreach (var match in policy.Packs)
        {
            var matches = match.Match switch
            {
                "record_type" => TextKey.Of(c.RecordType) == match.Key,
                "queue" => (atCreation ??= (reached ??= Reached(journey)).Where(r => r.At <= c.CreatedDate.AddMinutes(1)).Select(r => Name(org, r.Queue)).ToList())
                    .Contains(match.Key),
                _ => TextKey.Of(c.Origin) == match.Key,
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

    private static List<(string Queue, DateTimeOffset At)> Reached(CaseJourney journey) =>
        journey.Queues.Select(q => (Queue: q, At: journey.FirstReached(q)!.Value.At)).OrderBy(r => r.At).ThenBy(r => r.Queue, StringComparer.Ordinal).ToList();

    private static string Name(OrgContext org, string queueId) => TextKey.Of(org.Group(queueId)?.DeveloperName);
}
