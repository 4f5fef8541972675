using SfBridge.Mappings;

namespace SfBridge.Rules;

/// <summary>Applies packs.csv: the first row whose record type, owning queue or origin matches decides the pack.</summary>
public static class PackSelector
{
    public static string? PackOf(CaseSnapshot c, OrgContext org, Policy policy)
    {
        foreach (var match in policy.Packs)
        {
            var value = match.Match switch
            {
                "record_type" => c.RecordType,
                "queue" => org.Group(c.OwnerId)?.DeveloperName,
                _ => c.Origin,
            };
            if (value is not null && TextKey.Of(value) == match.Key)
            {
                return match.Pack;
            }
        }

        return null;
    }
}
