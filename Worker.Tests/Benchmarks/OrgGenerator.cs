using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// <c>generate-org N OUTDIR [--seed S] [--now ISO]</c>: writes a snapshot folder the emulator loads (one REST query
/// result per object) with N open cases over the five record types, shaped on the sample org's cases: the fields
/// each pack reads, ages spread over three weeks before <c>now</c> (so part of them is breached), owners among about
/// 50 users and the packs' queues, Omni-Channel rows (presences, pending routings, AgentWork) and comments, e-mails,
/// calls and history with distinct Portuguese texts. The same seed and now give the same files.
/// </summary>
public static class OrgGenerator
{
    /// <summary>Changes whenever the output for a given seed changes (scripts/bench-cycle.sh keys its cache on it).</summary>
    public const int Version = 1;

    /// <summary>Written last into the folder: what generated it (the benchmark reuses a folder whose stamp matches).</summary>
    public const string StampFile = "generator.json";

    private const string Usage = "usage: generate-org N OUTDIR [--seed S] [--now ISO-8601] [--reuse]";
    private const int ExtraUsers = 40;

    private static readonly (string RecordType, double Share)[] Packs =
        [("GSO", 0.35), ("PitStop", 0.20), ("SpecialService", 0.15), ("Protocolo", 0.15), ("Faturamento", 0.15)];

    /// <summary>The queues (sample org DeveloperNames) each record type's work sits in before someone takes it.</summary>
    private static readonly Dictionary<string, string[]> PackQueues = new(StringComparer.Ordinal)
    {
        ["GSO"] = ["Supervisor_EPS", "GSO", "N1_Rapida"],
        ["PitStop"] = ["N1_Filiais", "N2", "Especialistas", "N1_Blip_Matriz"],
        ["SpecialService"] = ["Special_Service"],
        ["Protocolo"] = ["N2", "Apoio_N1"],
        ["Faturamento"] = ["CMC_Faturamento"],
    };

    private static readonly string[] CopiedFiles = ["RecordType", "ServicePresenceStatus", "CollaborationGroup", "Account", "Group"];

    public static int Run(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cases) || cases < 1)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var seed = 1;
        var now = DateTimeOffset.UtcNow;
        var reuse = false;
        for (var i = 3; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--reuse":
                    reuse = true;
                    i--;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                case "--now" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var n):
                    now = n.ToUniversalTime();
                    break;
                default:
                    Console.Error.WriteLine($"generate-org: unknown or incomplete option '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        if (reuse && Stamp.Read(args[2]) is { } old && old.Version == Version && old.Seed == seed && old.Cases == cases)
        {
            Console.WriteLine($"generate-org: reusing {args[2]} (version {Version}, seed {seed}, generated for {old.Now:O})");
            return 0;
        }

        var counts = Generate(cases, args[2], seed, now);
        Console.WriteLine($"generate-org: wrote {args[2]} (seed {seed}, now {now:O}, version {Version}): " +
                          string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")));
        return 0;
    }

    /// <summary>Writes the folder; returns the number of records per object.</summary>
    public static IReadOnlyDictionary<string, int> Generate(int cases, string folder, int seed, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in CopiedFiles.Append("Gar"))
        {
            File.Copy(Path.Combine(RepoPaths.SampleOrg, name + ".json"), Path.Combine(folder, name + ".json"), overwrite: true);
        }

        var org = new GeneratedOrg(new Random(seed), now, Sample("Group"), Sample("RecordType"), Sample("ServicePresenceStatus"), Sample("Case"), Sample("Account"));
        org.AddPeople(Sample("User"), Sample("GroupMember"), ExtraUsers);
        for (var i = 0; i < cases; i++)
        {
            org.AddCase(i, PickPack(org.Random));
        }

        foreach (var (objectName, records) in org.Objects)
        {
            Write(Path.Combine(folder, objectName + ".json"), records);
        }

        File.WriteAllText(Path.Combine(folder, StampFile), JsonSerializer.Serialize(new Stamp(Version, seed, cases, now)));

        return org.Objects.ToDictionary(o => o.Key, o => o.Value.Count, StringComparer.Ordinal);
    }

    private static string PickPack(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (recordType, share) in Packs)
        {
            if ((roll -= share) < 0)
            {
                return recordType;
            }
        }

        return Packs[^1].RecordType;
    }

    private static List<JsonObject> Sample(string objectName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.SampleOrg, objectName + ".json")))!["records"]!.AsArray().OfType<JsonObject>()
            .Select(r => (JsonObject)r.DeepClone()).ToList();

    /// <summary>Streams a query result to disk (a 100,000-case file is never one string in memory).</summary>
    private static void Write(string path, List<JsonObject> records)
    {
        using var file = File.Create(path);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteNumber("totalSize", records.Count);
        writer.WriteBoolean("done", true);
        writer.WriteStartArray("records");
        foreach (var record in records)
        {
            record.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>What generated a folder: generator version, seed, case count and the instant the ages count back from.</summary>
    public sealed record Stamp(int Version, int Seed, int Cases, DateTimeOffset Now)
    {
        public static Stamp? Read(string folder)
        {
            var path = Path.Combine(folder, StampFile);
            try
            {
                return File.Exists(path) ? JsonSerializer.Deserialize<Stamp>(File.ReadAllText(path)) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    internal static string NewId(string objectName, long n) =>
        SalesforceId.To18(OrgSchema.Prefixes[objectName] + "GE" + n.ToString("D10", CultureInfo.InvariantCulture));

    internal static string Format(DateTimeOffset at) => SalesforceDateTime.FormatRest(at);

    internal static string PackQueue(Random random, string recordType) => PackQueues[recordType][random.Next(PackQueues[recordType].Length)];
}
