using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>
/// A finding as the audit prints it, <see cref="Text"/> being its line (jsonl, table) or card (html), with what places it
/// in the output: pack (in catalogue order), severity (worst first), case number, rule id, and its
/// <see cref="Sequence"/> among the findings as judged (the order of findings alike in all four, as a stable sort keeps it).
/// </summary>
internal sealed record PrintedFinding(int PackIndex, string Pack, Severity Severity, string CaseNumber, string RuleId, long Sequence, string Text)
{
    private static readonly Dictionary<string, int> PackIndexes = RuleCatalog.Packs.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);

    /// <summary>The audit's order: the one <see cref="AuditRun.Judge"/> sorts its findings in.</summary>
    public static IComparer<PrintedFinding> OutputOrder { get; } = Comparer<PrintedFinding>.Create((a, b) =>
    {
        var order = a.PackIndex.CompareTo(b.PackIndex);
        order = order != 0 ? order : b.Severity.CompareTo(a.Severity);
        order = order != 0 ? order : string.CompareOrdinal(a.CaseNumber, b.CaseNumber);
        order = order != 0 ? order : string.CompareOrdinal(a.RuleId, b.RuleId);
        return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
    });

    public static PrintedFinding Of(Finding f, long sequence, string text) =>
        new(IndexOfPack(f.Pack), f.Pack, f.Severity, f.CaseNumber, f.RuleId, sequence, text);

    /// <summary>The pack's place in the catalogue; -1 for a pack outside it (first, as a list's IndexOf puts it).</summary>
    public static int IndexOfPack(string pack) => PackIndexes.TryGetValue(pack, out var index) ? index : -1;
}
