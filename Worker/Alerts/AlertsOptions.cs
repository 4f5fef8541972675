namespace SfBridge.Alerts;

/// <summary>
/// How alerts reach Chatter. JSON shape:
/// <code>"Alerts": { "ReminderInterval": "02:00:00", "RemindersPerLevel": 2, "MaxLevel": 3, "MaxPostsPerCycle": 50, "MaxPostsPerCase": 3 }</code>
/// </summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>A breach still open this long after its last post gets a reminder. Default 2 hours.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Reminders at one escalation level before the next level's people are mentioned. Default 2.</summary>
    public int RemindersPerLevel { get; set; } = 2;

    /// <summary>Highest escalation level (mentions.csv). Default 3.</summary>
    public int MaxLevel { get; set; } = 3;

    /// <summary>Posts per dispatch run at most; the rest waits for the next run. Default 50.</summary>
    public int MaxPostsPerCycle { get; set; } = 50;

    /// <summary>Posts per case per dispatch run at most. Default 3.</summary>
    public int MaxPostsPerCase { get; set; } = 3;

    /// <summary>Attempts before an alert Salesforce keeps refusing is given up (it stays in the outbox as failed). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Feed elements read, newest first, when checking whether an unconfirmed post exists. Default 50.</summary>
    public int FeedLookback { get; set; } = 50;

    /// <summary>
    /// Replies to an alert post by a person it mentions that acknowledge it (|-separated, case and accents ignored):
    /// its reminders stop. Default "ok|ciente|visto".
    /// </summary>
    public string AcknowledgeWords { get; set; } = "ok|ciente|visto";

    /// <summary>Whether the dispatch job reads replies to alert posts (one FeedComment query per run). Default true.</summary>
    public bool ReadReplies { get; set; } = true;

    /// <summary>The word of a reply that snoozes an alert's reminders for a while: "adiar 2h", "adiar 30min", "adiar 1d". Default "adiar".</summary>
    public string SnoozeWord { get; set; } = "adiar";
}
