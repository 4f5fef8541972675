using System.Text.Json.Nodes;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// The fewest Salesforce API calls that could have done a run's work, from the emulator's request log:
/// the case query needs ceil(open cases / 2000) pages on a first run (2000 is the largest page Salesforce serves) and
/// one call on a later run; every other object queried needs ceil(records served / 2000) pages, at least one; Chatter
/// posts go 500 to a batch call; case updates 200 to an sObject Collections call; describe, limits, single-record and
/// feed calls count as made (start-up checks and guards). Id-list queries (one per 200 ids, as SOQL length allows) are
/// held to the same 2000-per-page floor, so their gap shows up here.
/// </summary>
internal static class CallFloor
{
    public const int PageSize = 2000;
    public const int ChatterBatch = 500;
    public const int CollectionSize = 200;

    public static (int Minimum, JsonObject Objects) Of(IReadOnlyList<ReceivedRequest> requests, int openCases, bool firstRun)
    {
        var objects = new JsonObject();
        var minimum = 0;
        foreach (var group in requests.Where(r => r.Endpoint is "query" or "queryAll" or "queryMore").GroupBy(r => r.SObject ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var records = group.Sum(r => r.Records ?? 0);
            var floor = group.Key == "Case" && firstRun ? Math.Max(1, Ceil(openCases, PageSize)) : Math.Max(1, Ceil(records, PageSize));
            minimum += floor;
            objects[group.Key] = new JsonObject { ["calls"] = group.Count(), ["records"] = records, ["minimum"] = floor };
        }

        var posts = requests.Where(r => r.Endpoint == "chatter-batch").Sum(r => r.Records ?? 0) + requests.Count(r => r.Endpoint == "chatter-post");
        minimum += Ceil(posts, ChatterBatch);
        minimum += Ceil(requests.Where(r => r.Endpoint == "composite-sobjects").Sum(r => r.Records ?? 0), CollectionSize);
        minimum += requests.Count(r => r.Endpoint is "describe" or "limits" or "sobject" or "chatter-feed" or "other");
        return (minimum, objects);
    }

    private static int Ceil(int count, int per) => (count + per - 1) / per;
}
