using System.Globalization;
using System.Text.Json;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Benchmarks;

/// <summary>
/// <c>audit-snapshot N OUTDIR [--seed S]</c>: a snapshot folder the audit reads, the sample org's files with a Case.json
/// of N generated cases (<see cref="CaseRecords"/>: comments, e-mails and history nested in each record, as a snapshot
/// export holds them). The file is written record by record, so its size is not bounded by this process's memory.
/// </summary>
public static class AuditSnapshot
{
    private const string Usage = "usage: audit-snapshot N OUTDIR [--seed S]";

    public static int Run(string[] args)
    {
        var seed = 20260304;
        if (args.Length is not (3 or 5) || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || (args.Length == 5 && (args[3] != "--seed" || !int.TryParse(args[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var folder = args[2];
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg, "*.json").Where(f => Path.GetFileName(f) != "Case.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        using (var stream = File.Create(Path.Combine(folder, "Case.json")))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("totalSize", count);
            json.WriteBoolean("done", true);
            json.WriteStartArray("records");
            foreach (var record in CaseRecords.Stream(count, seed))
            {
                record.WriteTo(json);
                if (json.BytesPending > 1 << 20)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Console.WriteLine($"audit-snapshot: wrote {folder} ({count} cases, seed {seed}, {new FileInfo(Path.Combine(folder, "Case.json")).Length / 1_000_000} MB Case.json)");
        return 0;
    }
}
