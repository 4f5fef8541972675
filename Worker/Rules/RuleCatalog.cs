namespace SfBridge.Rules;

/// <summary>The packs and rule ids of POLICY.md, with whether each rule runs a clock (and so needs a target).</summary>
public static class RuleCatalog
{
    public const string Gso = "gso";
    public const string PitStop = "pitstop";
    public const string SpecialService = "special-service";
    public const string Protocol = "protocol";
    public const string Billing = "billing";

    public static readonly IReadOnlyList<string> Packs = [Gso, PitStop, SpecialService, Protocol, Billing];

    /// <summary>Rule id -> (pack, needs a target in rules.csv).</summary>
    public static readonly IReadOnlyDictionary<string, (string Pack, bool Clock)> Rules = new Dictionary<string, (string, bool)>(StringComparer.Ordinal)
    {
        ["GSO-01"] = (Gso, false), ["GSO-02"] = (Gso, false), ["GSO-03"] = (Gso, false), ["GSO-04"] = (Gso, true),
        ["GSO-04-EPS"] = (Gso, true), ["GSO-05"] = (Gso, false), ["GSO-06"] = (Gso, false), ["GSO-07"] = (Gso, false),
        ["GSO-08"] = (Gso, true),
        ["PIT-01"] = (PitStop, false), ["PIT-02"] = (PitStop, false), ["PIT-03"] = (PitStop, true), ["PIT-04"] = (PitStop, false),
        ["SS-01"] = (SpecialService, true), ["SS-02"] = (SpecialService, true), ["SS-03"] = (SpecialService, true),
        ["SS-04"] = (SpecialService, false), ["SS-05"] = (SpecialService, false),
        ["PRO-01"] = (Protocol, false), ["PRO-02"] = (Protocol, true), ["PRO-03"] = (Protocol, false), ["PRO-04"] = (Protocol, false),
        ["PRO-05"] = (Protocol, true),
        ["BIL-01"] = (Billing, true), ["BIL-02"] = (Billing, true), ["BIL-03"] = (Billing, true), ["BIL-04"] = (Billing, false),
    };
}
