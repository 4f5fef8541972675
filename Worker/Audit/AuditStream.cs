using System.Runtime.ExceptionServices;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Snapshots;

namespace SfBridge.Audit;

/// <summary>
/// The audit of a snapshot in memory that does not grow with its cases: <see cref="AuditRun.Evaluate"/>'s result and
/// order, read from Case.json twice. The first reading keeps what the rules need of every case (how an open case counts
/// in its owner's backlog); the second judges the cases a chunk at a time, prints each finding in the chosen format and
/// writes the chunk's printed findings, sorted, to a temporary run (<see cref="FindingRuns"/>). The totals the headers
/// show are counted on the way; the runs, merged, are the findings in the output order.
/// </summary>
internal sealed class AuditStream : IDisposable
{
    private readonly FindingRuns _runs;

    private AuditStream(FindingRuns runs, AuditTotals totals, OrgContext org)
    {
        _runs = runs;
        Totals = totals;
        Org = org;
    }

    public AuditTotals Totals { get; }

    /// <summary>The org the cases were judged against, their backlog included.</summary>
    public OrgContext Org { get; }

    /// <summary>How many runs the chunks were written to (merges of runs not counted).</summary>
    public int Runs => _runs.Written - _runs.Merges;

    /// <summary>Runs written by merging chunk runs before the final merge (when there are more runs than it reads at once).</summary>
    public int Merges => _runs.Merges;

    /// <summary>The printed findings, in the output order; read once, after which the runs are gone with this object.</summary>
    public IEnumerable<PrintedFinding> Findings() => _runs.Merged();

    public void Dispose() => _runs.Dispose();

    /// <summary>
    /// Judges the snapshot's cases at <paramref name="now"/>. <paramref name="print"/> writes one finding as the output
    /// shows it, in the <see cref="ReportContext"/> <paramref name="context"/> makes of the cases around it (the org's).
    /// A snapshot that is bad input is an <see cref="InvalidDataException"/>, as from <see cref="AuditRun.Evaluate"/>;
    /// whatever happens, no temporary file is left behind.
    /// </summary>
    public static AuditStream Run(OrgSnapshot snapshot, Policy policy, DateTimeOffset now, Func<Finding, ReportContext, string> print,
        Func<IEnumerable<CaseSnapshot>, OrgContext, ReportContext> context, AuditSpillOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CasesPerRun, 1);
        var (org, read, quarantined, sharedHashes) = Backlog(snapshot, policy);
        var runs = new FindingRuns(options.Folder, options.MaxFanIn);
        try
        {
            var totals = new AuditTotals();
            var engine = new PolicyEngine(policy);
            var seen = 0;
            var notJudged = 0;
            var sequence = 0L;

            // The report shows a case by its Id: a record whose Id an earlier one had shows as that one (see ReportContext).
            var firstOfShared = new Dictionary<string, CaseSnapshot>(StringComparer.Ordinal);
            var countedShared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in Readable(snapshot, policy).Chunk(options.CasesPerRun))
            {
                foreach (var c in chunk.Where(c => sharedHashes.Contains(IdHash(c.Id))))
                {
                    firstOfShared.TryAdd(c.Id, c);
                }

                seen += chunk.Length;
                var judgements = engine.JudgeEach(chunk, org, now, (c, ex) =>
                {
                    notJudged++;
                    quarantined.Add(new QuarantinedRecord(c.Id, $"evaluation failed: {ex.GetType().Name}: {ex.Message}"));
                });
                var around = context(firstOfShared.Values.Concat(chunk), org);
                var printed = new List<PrintedFinding>();
                foreach (var judgement in judgements.Where(j => j.Findings.Count > 0))
                {
                    if (!sharedHashes.Contains(IdHash(judgement.CaseId)) || countedShared.Add(judgement.CaseId))
                    {
                        totals.CasesWithFindings++;
                    }

                    foreach (var f in judgement.Findings)
                    {
                        totals.Add(f, around.Owner(around.Case(f.CaseId)));
                        printed.Add(PrintedFinding.Of(f, sequence++, print(f, around)));
                    }
                }

                runs.Add(printed);
            }

            if (seen != read)
            {
                throw new InvalidDataException($"{snapshot.SourceOf("Case")}: changed while the audit read it ({read} cases, then {seen}); run the audit again");
            }

            runs.Compact();
            totals.CasesJudged = seen - notJudged;
            totals.Quarantined = quarantined;
            return new AuditStream(runs, totals, org);
        }
        catch
        {
            runs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first reading: the org context with the backlog of every case (as <see cref="OrgContextBuilder.Build"/> makes
    /// it, one compact entry per open case), the cases that could be read, the ones that could not, and the hashes of
    /// Ids that more than one record has (usually none; a hash two Ids share costs nothing but a lookup).
    /// </summary>
    private static (OrgContext Org, int Read, List<QuarantinedRecord> Quarantined, HashSet<int> SharedHashes) Backlog(OrgSnapshot snapshot, Policy policy)
    {
        // Build reads every case before the org's other objects: a problem in Case.json is reported before one elsewhere.
        ExceptionDispatchInfo? failure = null;
        OrgContext? partial = null;
        try
        {
            partial = new OrgContext(OrgContextBuilder.Data(snapshot, policy));
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        var open = new List<OpenCaseRef>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal); // one string per owner, not one per case
        var ownerHistory = false;
        var quarantined = new List<QuarantinedRecord>();
        var hashes = new List<int>();
        foreach (var (c, error, id) in snapshot.ReadCases(policy.Fields))
        {
            if (c is null)
            {
                quarantined.Add(new QuarantinedRecord(id, error!));
                continue;
            }

            hashes.Add(IdHash(c.Id));
            ownerHistory |= OrgContextBuilder.ShowsOwnerHistory(c);
            if (failure is not null)
            {
                continue;
            }

            try
            {
                if (OrgContextBuilder.OpenRef(c, partial!, policy) is { } entry)
                {
                    open.Add(entry.OwnerId is { } owner ? entry with { OwnerId = owners.TryAdd(owner, owner) ? owner : owners[owner] } : entry);
                }
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        failure?.Throw();
        hashes.Sort();
        var shared = new HashSet<int>();
        for (var i = 1; i < hashes.Count; i++)
        {
            if (hashes[i] == hashes[i - 1])
            {
                shared.Add(hashes[i]);
            }
        }

        return (partial!.WithOpenCases(open, ownerHistory), hashes.Count, quarantined, shared);
    }

    /// <summary>The second reading: the cases that could be read (the others were reported by the first).</summary>
    private static IEnumerable<CaseSnapshot> Readable(OrgSnapshot snapshot, Policy policy) =>
        snapshot.ReadCases(policy.Fields).Select(r => r.Case).OfType<CaseSnapshot>();

    private static int IdHash(string id) => StringComparer.Ordinal.GetHashCode(id);
}
