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

    /// <summary>
    /// Posts per dispatch run at most, and per 55 seconds over all runs (the wake-ups at due instants too), a critical or
    /// breach alert that has just come due excepted; the rest waits. Default 50.
    /// </summary>
    public int MaxPostsPerCycle { get; set; } = 50;

    /// <summary>Posts per case per dispatch run at most. Default 3.</summary>
    public int MaxPostsPerCase { get; set; } = 3;

    /// <summary>
    /// Wait after Chatter refused a post before it is tried again, doubled at each further refusal (at most one hour), so
    /// a refusal that lasts a few minutes (a deploy, a permission briefly removed) does not spend every attempt. Default 5 minutes.
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Refusals of a post tried again at the doubling <see cref="RetryBackoff"/>; from then on a breach or a reminder is tried once
    /// an hour, for as long as its finding is open (a refusal that outlasts them, a permission removed for an afternoon, loses no
    /// alert), while a resolution note or a morning summary, which ask nobody to act, are given up, and the finding of a closed
    /// case is no longer kept open for its post. Default 5.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long an unconfirmed post (its call timed out or its answer was lost) is left alone before it may be posted
    /// again: Salesforce may still be completing it. Its reference is looked up in the case feed at every run meanwhile.
    /// Default 2 minutes.
    /// </summary>
    public TimeSpan RepostGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// On a state database that has never posted, how far back SfBridge's own posts are read (one query) to learn
    /// which alerts are already in Chatter, so a new or lost database posts nothing twice. Default 30 days.
    /// </summary>
    public TimeSpan SeedLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether the first start on a state database keeps quiet about what was already there: a finding due more than
    /// <see cref="BaselineHorizon"/> before that start, or one without a due instant that the first sweep finds, is
    /// recorded as the baseline and never posted (a case that needed the critical mark is marked all the same); a finding of
    /// a rule made critical in rules.csv is always posted. Default true.
    /// </summary>
    public bool FirstStartBaseline { get; set; } = true;

    /// <summary>How far before the first start a breach may have come due and still be posted. Default 0: only what comes due after the start.</summary>
    public TimeSpan BaselineHorizon { get; set; } = TimeSpan.Zero;

    /// <summary>The most posts that first read takes (newest first). Default 2,000 (one query page).</summary>
    public int SeedMaxPosts { get; set; } = 2000;

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
