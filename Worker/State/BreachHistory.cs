namespace SfBridge.State;

/// <summary>The outbox's record of one breach: posts sent, the highest escalation level, the last post, and the next sequence number.</summary>
public sealed record BreachHistory(int Sent, int Level, DateTimeOffset? LastSentAt, int NextSequence)
{
    /// <summary>When a person it mentions acknowledged it in Chatter: no more reminders.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>
    /// Set when every alert of the breach was withdrawn unposted (it cleared while held off-shift or behind the caps) before
    /// any dispatcher claimed it: nobody was told, so the breach, open again, is alerted as if new, under this sequence: the
    /// next one, or, once the outbox holds as many withdrawn posts of it as it keeps, the last of them, brought back (a
    /// verdict that comes and goes at every sweep while its post is held would otherwise add a row each time). Null for a
    /// breach told: one claimed to send may have been posted, and counts as told.
    /// </summary>
    public int? RequeueSequence { get; init; }

    /// <summary>The sequence of the breach's first post while it is still queued (held, behind the caps, refused with tries left), else null.</summary>
    public int? QueuedFirst { get; init; }

    /// <summary>
    /// The sequence and level of the breach's reminder while it is still queued (held for the team's next working period,
    /// behind the caps, refused with tries left), else null: rewritten as the case now stands each time the case is judged.
    /// </summary>
    public (int Sequence, int Level)? QueuedReminder { get; init; }

    /// <summary>Reminders wait until then ("adiar 2h").</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>Its alerts not withdrawn (sent, queued or in flight); null: not counted, every sequence taken as one.</summary>
    public int? Kept { get; init; }

    /// <summary>When its next reminder falls due: never while a post is in flight or once acknowledged; a snooze pushes it.</summary>
    public DateTimeOffset? ReminderDue(TimeSpan interval)
    {
        // In flight: an alert kept beyond those sent (a withdrawn one, never posted, is none).
        if (Sent == 0 || (Kept ?? NextSequence) > Sent || LastSentAt is not { } last || AcknowledgedAt is not null)
        {
            return null;
        }

        var due = last + interval;
        return SnoozedUntil is { } until && until > due ? until : due;
    }
}
