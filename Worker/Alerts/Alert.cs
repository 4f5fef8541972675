namespace SfBridge.Alerts;

/// <summary>Why an alert exists: the first post of a breach, a reminder, or the note that it cleared.</summary>
public static class AlertPurpose
{
    public const string Breach = "breach";
    public const string Reminder = "reminder";
    public const string Resolution = "resolution";
}

/// <summary>
/// Outbox states: pending -> sending -> sent | failed. "sending" survives a crash: its outcome is unknown until the
/// case's feed has been read for the alert's reference.
/// </summary>
public static class AlertState
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>
/// One Chatter post to make, exactly once. <see cref="Reference"/> is deterministic (breach key + sequence) and is
/// written at the end of the post, so a post whose confirmation was lost can be found and adopted.
/// </summary>
public sealed record Alert(
    string Reference, string BreachKey, string CaseId, string RuleId, int Sequence, int Level, string Purpose, string State,
    string Message, IReadOnlyList<string> Mentions, string? TemplateId, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SendingSince)
{
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
