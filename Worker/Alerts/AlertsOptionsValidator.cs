using Microsoft.Extensions.Options;

namespace SfBridge.Alerts;

/// <summary>Alerts:* values that would break delivery are refused at start, one line each.</summary>
public sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    /// <summary>Chatter's batch endpoint takes at most this many posts per call; a run posts in one call, so its outcome is known per post.</summary>
    public const int MaxBatch = 500;

    public ValidateOptionsResult Validate(string? name, AlertsOptions o)
    {
        var failures = new List<string>();
        if (o.MaxPostsPerCycle is < 1 or > MaxBatch)
        {
            failures.Add($"Alerts:MaxPostsPerCycle must be between 1 and {MaxBatch} (one Chatter batch call per run), not {o.MaxPostsPerCycle}");
        }

        if (o.MaxPostsPerCase < 1)
        {
            failures.Add($"Alerts:MaxPostsPerCase must be at least 1, not {o.MaxPostsPerCase}");
        }

        if (o.MaxAttempts < 1)
        {
            failures.Add($"Alerts:MaxAttempts must be at least 1, not {o.MaxAttempts}");
        }

        if (o.RepostGrace < TimeSpan.FromSeconds(30))
        {
            failures.Add($"Alerts:RepostGrace must be at least 00:00:30 (longer than a Chatter call may take), not {o.RepostGrace}");
        }

        if (o.ReminderInterval <= TimeSpan.Zero || o.SeedLookback < TimeSpan.Zero || o.BaselineHorizon < TimeSpan.Zero || o.RetryBackoff < TimeSpan.Zero)
        {
            failures.Add("Alerts:ReminderInterval must be positive, and Alerts:SeedLookback, Alerts:BaselineHorizon and Alerts:RetryBackoff not negative");
        }

        if (o.MaxLevel < 1 || o.RemindersPerLevel < 1)
        {
            failures.Add($"Alerts:MaxLevel and Alerts:RemindersPerLevel must be at least 1 (level 1 is mentions.csv's first), not {o.MaxLevel} and {o.RemindersPerLevel}");
        }

        if (o.SeedMaxPosts < 1)
        {
            failures.Add($"Alerts:SeedMaxPosts must be at least 1 (a new state database reads that many of SfBridge's earlier posts), not {o.SeedMaxPosts}");
        }

        // Replies are read against these words: none would make every reply acknowledge ("ainda sem retorno"), or every
        // "… 3 dias" a snooze; a list written with commas would be one word nobody replies.
        var words = (o.AcknowledgeWords ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Any(w => !w.Any(char.IsLetterOrDigit)) || words.Any(w => w.Contains(',', StringComparison.Ordinal)))
        {
            failures.Add($"Alerts:AcknowledgeWords must list words separated by | (e.g. ok|ciente|visto), each with a letter, not '{o.AcknowledgeWords}'");
        }

        if (o.SnoozeWord is not { } snooze || !snooze.Any(char.IsLetterOrDigit) || snooze.AsSpan().IndexOfAny(",|") >= 0)
        {
            failures.Add($"Alerts:SnoozeWord must be one word (e.g. adiar), not '{o.SnoozeWord}'");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
