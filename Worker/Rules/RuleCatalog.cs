namespace SfBridge.Rules;

/// <summary>The packs and rule ids of the policy catalogue (version 2), with how each rule runs.</summary>
public static class RuleCatalog
{
    public const string Gso = "gso";
    public const string PitStop = "pitstop";
    public const string SpecialService = "special-service";
    public const string Protocol = "protocol";
    public const string Billing = "billing";

    public static readonly IReadOnlyList<string> Packs = [Gso, PitStop, SpecialService, Protocol, Billing];

    public static readonly IReadOnlyDictionary<string, RuleInfo> Rules = new Dictionary<string, RuleInfo>(StringComparer.Ordinal)
    {
        ["GSO-01"] = new(Gso, false), ["GSO-02"] = new(Gso, false), ["GSO-03"] = new(Gso, false), ["GSO-04"] = new(Gso, true, OmniChannel: true),
        ["GSO-04-EPS"] = new(Gso, true, OmniChannel: true), ["GSO-05"] = new(Gso, false, Reminders: false), ["GSO-06"] = new(Gso, false), ["GSO-07"] = new(Gso, false, OmniChannel: true),
        ["GSO-08"] = new(Gso, true, OmniChannel: true), ["GSO-09"] = new(Gso, false, Reminders: false),
        ["PIT-01"] = new(PitStop, false, Closing: true), ["PIT-02"] = new(PitStop, false), ["PIT-03"] = new(PitStop, true, OmniChannel: true), ["PIT-04"] = new(PitStop, false, Closing: true),
        ["PIT-05"] = new(PitStop, false, Reminders: false),
        ["SS-01"] = new(SpecialService, true, Closing: true), ["SS-02"] = new(SpecialService, true, Closing: true),
        ["SS-03"] = new(SpecialService, true, Closing: true),
        ["SS-04"] = new(SpecialService, false, Reminders: false), ["SS-05"] = new(SpecialService, false), ["SS-06"] = new(SpecialService, true, OtherPacks: true),
        ["PRO-01"] = new(Protocol, false, Closing: true), ["PRO-02"] = new(Protocol, true), ["PRO-03"] = new(Protocol, false, Closing: true),
        ["PRO-04"] = new(Protocol, false, Closing: true), ["PRO-05"] = new(Protocol, true, Closing: true), ["PRO-06"] = new(Protocol, false),
        ["BIL-01"] = new(Billing, true), ["BIL-02"] = new(Billing, true), ["BIL-03"] = new(Billing, false), ["BIL-04"] = new(Billing, false, Reminders: false),
        ["BIL-05"] = new(Billing, true),
    };
}
