using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>
/// What the audit's table header and the report's header and count boxes say, counted as the findings go by, so the
/// findings themselves need not be held to print them: by severity, by pack and severity, by owner, and how many cases.
/// </summary>
public sealed class AuditTotals
{
    private readonly Dictionary<string, Dictionary<Severity, int>> _byPack = new(StringComparer.Ordinal);
    private readonly Dictionary<Severity, int> _bySeverity = [];
    private readonly Dictionary<string, int> _byOwner = new(StringComparer.Ordinal);

    public int CasesJudged { get; set; }

    /// <summary>The distinct cases with at least one finding.</summary>
    public int CasesWithFindings { get; set; }

    public int Findings { get; private set; }

    public IReadOnlyList<QuarantinedRecord> Quarantined { get; set; } = [];

    /// <summary>The packs with findings, in the report's order (the catalogue's).</summary>
    public IEnumerable<string> Packs => _byPack.Keys.OrderBy(HtmlReport.PackOrder).ThenBy(p => p, StringComparer.Ordinal);

    /// <summary>Owners (as the report names them) by their number of findings, most first, then by name.</summary>
    public IEnumerable<(string Owner, int Findings)> Owners =>
        _byOwner.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value));

    /// <summary>Counts one finding of a case owned by <paramref name="owner"/> (the report's name for the owner).</summary>
    public void Add(Finding f, string owner)
    {
        Findings++;
        _bySeverity[f.Severity] = _bySeverity.GetValueOrDefault(f.Severity) + 1;
        if (!_byPack.TryGetValue(f.Pack, out var pack))
        {
            _byPack[f.Pack] = pack = [];
        }

        pack[f.Severity] = pack.GetValueOrDefault(f.Severity) + 1;
        _byOwner[owner] = _byOwner.GetValueOrDefault(owner) + 1;
    }

    public int Count(Severity severity) => _bySeverity.GetValueOrDefault(severity);

    public int Count(string pack) => _byPack.TryGetValue(pack, out var counts) ? counts.Values.Sum() : 0;

    public int Count(string pack, Severity severity) => _byPack.TryGetValue(pack, out var counts) ? counts.GetValueOrDefault(severity) : 0;

    /// <summary>The totals of findings held in memory (a result judged whole), owners named by <paramref name="context"/>.</summary>
    public static AuditTotals Of(AuditResult result, ReportContext context)
    {
        var totals = new AuditTotals
        {
            CasesJudged = result.CasesJudged,
            CasesWithFindings = result.Findings.Select(f => f.CaseId).Distinct(StringComparer.Ordinal).Count(),
            Quarantined = result.Quarantined,
        };
        foreach (var f in result.Findings)
        {
            totals.Add(f, context.Owner(context.Case(f.CaseId)));
        }

        return totals;
    }
}
