namespace SfBridge.Alerts;

/// <summary>Why an alert exists: the first post of a breach, a reminder, or the note that it cleared.</summary>
public static class AlertPurpose
{
    public const string Breach = "breach";
    public const string Reminder = "reminder";
    public const string Resolution = "resolution";

    /// <summary>A team's morning summary, posted in its Chatter group.</summary>
    public const string Summary = "summary";
}

/// <summary>
/// Outbox states: pending -> sending -> sent | failed, or pending -> withdrawn (held off-shift while its finding
/// cleared). "sending" survives a crash: its outcome is unknown until the case's feed has been read for the alert's
/// reference. "baseline": a breach already old when SfBridge first started on this database, recorded and never posted.
/// </summary>
public static class AlertState
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Withdrawn = "withdrawn";

    /// <summary>Already due before the first start (beyond Alerts:BaselineHorizon): known, explained, listed in summaries, never posted.</summary>
    public const string Baseline = "baseline";
}

/// <summary>
/// One Chatter post to make, exactly once. <see cref="Reference"/> is deterministic (breach key + sequence) and is
/// written at the end of the post, so a post whose confirmation was lost can be found and adopted.
/// </summary>
public sealed record Alert(
    string Reference, string BreachKey, string CaseId, string RuleId, int Sequence, int Level, string Purpose, string State,
    string Message, IReadOnlyList<string> Mentions, string? TemplateId, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SendingSince)
{
    /// <summary>The finding's severity (a resolution note is info): the order in which a post lists alerts and caps hold them.</summary>
    public Rules.Severity Severity { get; init; } = Rules.Severity.Breach;

    /// <summary>
    /// Queued again after a claim whose post was not found in the feed past the grace (held for the team's hours meanwhile):
    /// its post is looked up again at every run until it goes out, in case Salesforce completed it late.
    /// </summary>
    public bool Unconfirmed => State == AlertState.Pending && SendingSince is not null;

    /// <summary>The finding's due instant, if it has one.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// Rewrites the texts of the post of the same reference while it is still queued, instead of queuing a new one: the
    /// first post of a breach met late before it went out, told as a record.
    /// </summary>
    public bool Replaces { get; init; }

    /// <summary>
    /// Brings back the post of the same reference, withdrawn before any dispatcher claimed it, instead of queuing a new one:
    /// a breach nobody was told of, come back once the outbox holds as many withdrawn posts of it as it keeps.
    /// </summary>
    public bool Revives { get; init; }

    /// <summary>The alert as one line of a post listing several alerts of the case (templates of purpose item / resolved-item).</summary>
    public string? Line { get; init; }

    /// <summary>Not posted before this instant: held off-shift until the team's next working period.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    public string? CaseNumber { get; init; }

    public string? Subject { get; init; }

    /// <summary>
    /// Whether its finding is still open when read from the outbox, and for a reminder, not acknowledged (a held alert
    /// whose finding cleared, or a held reminder whose breach was acknowledged meanwhile, is not posted).
    /// </summary>
    public bool FindingOpen { get; init; } = true;

    /// <summary>
    /// A critical-case alert (GSO-06: "marked by SfBridge") whose case SfBridge has not marked yet: it waits until the mark
    /// is set, so it never says the case was marked when Salesforce refused the mark.
    /// </summary>
    public bool AwaitingMark { get; init; }

    /// <summary>"SFB-" and 10 characters from a hash of the breach key and sequence.</summary>
    public static string ReferenceFor(string breachKey, int sequence)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(breachKey + "#" + sequence));
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[hash[i] % alphabet.Length];
        }

        return "SFB-" + new string(chars);
    }
}
