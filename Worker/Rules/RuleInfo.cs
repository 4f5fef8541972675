namespace SfBridge.Rules;

/// <summary>How a rule of the catalogue runs.</summary>
/// <param name="Pack">The pack the rule belongs to (its findings carry this pack).</param>
/// <param name="Clock">The rule runs a clock and needs a target in rules.csv.</param>
/// <param name="Closing">The rule also judges a case once more when it closes, at its closed date.</param>
/// <param name="OtherPacks">The rule judges cases outside its own pack (SS-06 follows key accounts handled elsewhere).</param>
/// <param name="OmniChannel">The rule reads the case's Omni-Channel rows (AgentWork, pending routings): a finding of it is read again with them.</param>
/// <param name="Reminders">
/// Whether a breach of it left open is reminded. Not for a rule about something done and over that no action on the case
/// can take back (a message sent, the route a case took) or that the policy reports once a day (SS-04): its post is the record.
/// </param>
public sealed record RuleInfo(string Pack, bool Clock, bool Closing = false, bool OtherPacks = false, bool OmniChannel = false, bool Reminders = true);
