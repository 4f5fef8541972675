using SfBridge.Audit;
using SfBridge.Mappings;
using SfBridge.Snapshots;
using SharpFuzz;

namespace SfBridge.Fuzz;

/// <summary>
/// Fuzz targets for the two readers of files an operator hands to SfBridge (scripts/fuzz.sh runs them under afl-fuzz):
/// <c>mappings SOURCE_DIR</c> feeds MappingLoader.Load and <c>snapshot SOURCE_DIR MAPPINGS_DIR</c> feeds the audit path
/// (OrgSnapshot.Load, then AuditRun.Evaluate). An input's first byte picks which file of a copy of SOURCE_DIR it replaces,
/// the rest is that file's content. Bad input must end the way the product reports it (a MappingError list, an
/// <see cref="InvalidDataException"/>); any other exception escapes and afl-fuzz saves the input as a crash.
/// <c>seed TARGET SOURCE_DIR OUT_DIR</c> writes one starting input per file. Without afl-fuzz a target runs once on
/// standard input, which replays a saved crash.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["mappings", var source]:
                Run(new Workspace(source, "*.csv"), (folder, _) => MappingLoader.Load(folder));
                return 0;
            case ["snapshot", var source, var mappings]:
                // Instrumented code may only run inside the fuzz loop (its coverage map exists from then on): the policy loads on the first input.
                Policy? policy = null;
                var now = new DateTimeOffset(2026, 3, 3, 17, 0, 0, TimeSpan.Zero);
                Run(new Workspace(source, "*.json"), (folder, _) => Audit(folder,
                    policy ??= MappingLoader.Load(mappings).Policy ?? throw new InvalidOperationException($"{mappings}: the mappings do not load"), now));
                return 0;
            case ["seed", "mappings", var source, var output]:
                Workspace.Seed(source, "*.csv", output);
                return 0;
            case ["seed", "snapshot", var source, var output]:
                Workspace.Seed(source, "*.json", output);
                return 0;
            default:
                Console.Error.WriteLine("usage: Worker.Fuzz mappings SOURCE_DIR | snapshot SOURCE_DIR MAPPINGS_DIR | seed mappings|snapshot SOURCE_DIR OUT_DIR");
                return 2;
        }
    }

    private static void Run(Workspace workspace, Action<string, string> target) =>
        Fuzzer.OutOfProcess.Run(stream =>
        {
            var file = workspace.Apply(stream);
            try
            {
                target(workspace.Folder, file);
            }
            finally
            {
                workspace.Restore(file);
            }
        });

    /// <summary>The audit command's own path: two readings of Case.json, chunks judged and spilled, then merged and printed.</summary>
    private static void Audit(string folder, Policy policy, DateTimeOffset now)
    {
        AuditStream audit;
        try
        {
            audit = AuditStream.Run(OrgSnapshot.Load(folder, policy.Settings.TimeZone), policy, now, (f, _) => FindingWriter.JsonLine(f),
                (cases, org) => new ReportContext(policy, cases, org, now), new AuditSpillOptions());
        }
        catch (InvalidDataException)
        {
            return; // the audit's bad-input path: one line on standard error, exit code 4
        }

        using (audit)
        {
            foreach (var _ in audit.Findings())
            {
            }

            // The engine quarantines a case whose evaluation throws rather than stop the run; for the fuzzer that is still a bug.
            if (audit.Totals.Quarantined.FirstOrDefault(q => q.Reason.StartsWith("evaluation failed", StringComparison.Ordinal)) is { } failed)
            {
                throw new InvalidOperationException($"Case {failed.Id}: {failed.Reason}");
            }
        }
    }
}
