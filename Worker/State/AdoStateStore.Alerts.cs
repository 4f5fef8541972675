using System.Globalization;
using System.Text.Json;
using System.Data.Common;
using SfBridge.Alerts;
using SfBridge.Rules;

namespace SfBridge.State;

public abstract partial class AdoStateStore
{
    /// <summary>The watermark that records when SfBridge's own recent posts were read into <c>known_posts</c>.</summary>
    private const string KnownPostsMark = "SfBridgePosts";

    private const string AlertColumns =
        "reference, breach_key, case_id, rule_id, sequence, level, purpose, state, message, mentions, template_id, attempts, created_at, sending_since, " +
        "severity, due_at, line, not_before, case_number, subject";

    public async Task<int> EnqueueAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var added = await InsertAlertsAsync(connection, tx, alerts, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Adds alerts not already in the outbox, inside the caller's transaction.</summary>
    private async Task<int> InsertAlertsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        // One statement per chunk; a reference already queued, or twice in the list, is not added again.
        var unique = alerts.DistinctBy(a => a.Reference, StringComparer.Ordinal).ToList();
        object?[] Row(Alert a) => [a.Reference, a.BreachKey, a.CaseId, a.RuleId, a.Sequence, a.Level,
            a.Purpose, a.State, a.Message, JsonSerializer.Serialize(a.Mentions), a.TemplateId, 0, Format(a.CreatedAt), null, a.Severity.WireName(),
            a.DueAt is { } due ? Format(due) : null, a.Line, a.NotBefore is { } nb ? Format(nb) : null, a.CaseNumber, a.Subject];
        var added = await ExecuteRowsAsync(connection, tx, $"INSERT INTO alerts ({AlertColumns}) VALUES", "ON CONFLICT DO NOTHING",
            unique.Where(a => !a.Replaces && !a.Revives).ToList(), Row, cancellationToken);
        // A breach nobody was told of, come back once the outbox keeps no more of its posts: its last post, withdrawn before
        // any dispatcher claimed it, is queued again as new, with this alert's texts and instants.
        added += await ExecuteRowsAsync(connection, tx, $"INSERT INTO alerts ({AlertColumns}) VALUES", """
            ON CONFLICT (reference) DO UPDATE SET state = excluded.state, message = excluded.message, mentions = excluded.mentions,
                template_id = excluded.template_id, level = excluded.level, attempts = 0, created_at = excluded.created_at, severity = excluded.severity,
                due_at = excluded.due_at, line = excluded.line, not_before = excluded.not_before, case_number = excluded.case_number, subject = excluded.subject
            WHERE alerts.state = 'withdrawn' AND alerts.sending_since IS NULL
            """, unique.Where(a => a.Revives).ToList(), Row, cancellationToken);
        // A replacement rewrites the texts of a post still queued (not one being sent or already out), keeping when it may go.
        await ExecuteRowsAsync(connection, tx, $"INSERT INTO alerts ({AlertColumns}) VALUES", """
            ON CONFLICT (reference) DO UPDATE SET message = excluded.message, mentions = excluded.mentions, template_id = excluded.template_id,
                line = excluded.line, due_at = excluded.due_at, severity = excluded.severity WHERE alerts.state IN ('pending', 'failed')
            """, unique.Where(a => a.Replaces).ToList(), Row, cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<Alert>> WithTextAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, (string Message, List<string> Mentions, string? Line, string? Subject)>(StringComparer.Ordinal);
        await ForEachByIdAsync("SELECT reference, message, mentions, line, subject FROM alerts", "reference", alerts.Select(a => a.Reference).ToList(),
            r => texts[r.GetString(0)] = (r.GetString(1), JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? [], r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4)), cancellationToken);
        return alerts.Select(a => texts.TryGetValue(a.Reference, out var t) ? a with { Message = t.Message, Mentions = t.Mentions, Line = t.Line, Subject = t.Subject } : a).ToList();
    }

    // Grouped by case (case ids compared as the dispatcher compares them), so each case's alerts can be chosen from as
    // soon as they are read.
    public IAsyncEnumerable<Alert> DueAsync(int maxAttempts, CancellationToken cancellationToken) =>
        ReadDueAsync(maxAttempts, $"AND a.state <> 'sending' AND NOT {QueuedUnconfirmed} AND NOT {InKnownPosts}", "ORDER BY LOWER(a.case_id), a.created_at, a.reference", cancellationToken);

    public async Task<IReadOnlyList<Alert>> UnconfirmedAsync(int maxAttempts, CancellationToken cancellationToken) =>
        await ReadDueAsync(maxAttempts, $"AND (a.state = 'sending' OR {QueuedUnconfirmed} OR {InKnownPosts})", "ORDER BY a.created_at, a.reference", cancellationToken)
            .ToListAsync(cancellationToken);

    /// <summary>An alert (a) queued again after its claimed post was not found in the feed (see <see cref="Alert.Unconfirmed"/>).</summary>
    private const string QueuedUnconfirmed = "(a.state = 'pending' AND a.sending_since IS NOT NULL)";

    /// <summary>How many posts of a breach withdrawn unposted the outbox keeps; past them the last one is brought back.</summary>
    private const int MaxUntoldReturns = 10;

    /// <summary>
    /// An alert (a) whose post is still to go out: queued, being sent, or refused: a breach or a reminder tried again after
    /// its back-off for as long as its finding is open (a refusal lasting longer than every attempt, a permission removed
    /// for an afternoon, loses no alert); a note or a summary, which asks nobody to act, with attempts left (fewer than @max).
    /// </summary>
    private const string StillToGoOut =
        "(a.state IN ('pending', 'sending') OR (a.state = 'failed' AND (a.purpose IN ('breach', 'reminder') OR a.attempts < @max)))";

    /// <summary>
    /// An alert (a) whose post still keeps its finding open once its case left the tracked set: <see cref="StillToGoOut"/>, but
    /// a refused one only with attempts left (fewer than @max): an org that refuses posts on closed cases would otherwise keep
    /// the finding of every such closing open for good.
    /// </summary>
    private const string StillToGoOutWithTries = "(a.state IN ('pending', 'sending') OR (a.state = 'failed' AND a.attempts < @max))";

    /// <summary>
    /// An alert (a) that counts as told: not withdrawn, or withdrawn after a dispatcher claimed it to send (it may have been
    /// posted). A breach none of whose alerts is told was never told, and is alerted again when it comes back.
    /// </summary>
    private const string Told = "(a.state <> 'withdrawn' OR a.sending_since IS NOT NULL)";

    /// <summary>
    /// Whether the finding row <paramref name="f"/> names is cleared and a note told its case it was resolved (a note sent since
    /// that clearing, of its current instance): if it holds again it is a new instance of its breach. Read by the outbox
    /// history before a sweep commits, and by the ledger's upsert as it commits.
    /// </summary>
    private static string ResolvedByNote(string f) => $"""
        {f}.cleared_at IS NOT NULL AND EXISTS (SELECT 1 FROM alerts n WHERE n.breach_key = {f}.breach_key AND n.sequence >= {f}.since_sequence
            AND n.purpose = 'resolution' AND n.state = 'sent' AND n.created_at >= {f}.cleared_at)
        """;

    /// <summary>
    /// The first sequence of a breach's current instance as the sweep will see it: a cleared finding resolved by a note starts a
    /// new one after every alert it has, read before the sweep commits the return (the planner needs it to queue a first post).
    /// </summary>
    private static readonly string SinceOfReturn = $"""
        COALESCE(CASE WHEN {ResolvedByNote("f")} THEN (SELECT MAX(m.sequence) + 1 FROM alerts m WHERE m.breach_key = f.breach_key) ELSE f.since_sequence END, 0)
        """;

    private const string InKnownPosts = "EXISTS (SELECT 1 FROM known_posts k WHERE k.reference = a.reference)";

    private async IAsyncEnumerable<Alert> ReadDueAsync(int maxAttempts, string also, string order, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // With whether the alert is still wanted: its finding is open (a note is about a cleared finding: wanted while it stays
        // cleared; one still queued when the breach comes back would say "resolvida" of an open breach),
        // and for a reminder, nobody acknowledged the breach since it was queued (held for the team's next working period),
        // and it was not met late meanwhile (settled: nothing left to remind of).
        // A critical-case alert ("marked by SfBridge") is also wanted once SfBridge's own mark cleared its finding: the mark
        // is set at once for every case, the posts go out at the cap, and the next sync sees the mark before the last of
        // them is posted. One whose finding cleared before SfBridge marked the case (a person did) is not.
        // A queued reminder also waits for a snooze asked for meanwhile ("adiar 2h").
        // Without the texts (message, mentions, line, subject): a backlog of thousands is read to choose the few posted now.
        command.CommandText = $"""
            SELECT {string.Join(", ", AlertColumns.Split(", ").Select(c => c switch { "message" or "line" or "subject" => "NULL", "mentions" => "'[]'", _ => "a." + c }))},
                   CASE WHEN (a.purpose = 'resolution' AND (f.breach_key IS NULL OR f.cleared_at IS NOT NULL))
                          OR (a.purpose <> 'resolution' AND f.cleared_at IS NULL AND NOT (a.purpose = 'reminder' AND (f.acknowledged_at IS NOT NULL OR f.settled = 1)))
                          OR (a.purpose = 'breach' AND f.kind = 'critical' AND EXISTS (SELECT 1 FROM critical_marks m WHERE m.case_id = a.case_id AND m.marked_at <= f.cleared_at))
                        THEN 1 ELSE 0 END,
                   CASE WHEN a.purpose = 'reminder' THEN f.snoozed_until END,
                   CASE WHEN f.kind = 'critical' AND NOT EXISTS (SELECT 1 FROM critical_marks m WHERE m.case_id = a.case_id) THEN 1 ELSE 0 END
            FROM alerts a LEFT JOIN findings f ON f.breach_key = a.breach_key
            WHERE {StillToGoOut} {also} {order}
            """;
        command.Parameters.Add(Parameter(command, "@max", maxAttempts));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Alert(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.GetString(6), reader.GetString(7), "", [],
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt32(11), Parse(reader.GetString(12)), reader.IsDBNull(13) ? null : Parse(reader.GetString(13)))
            {
                Severity = !reader.IsDBNull(14) && Rules.FindingKinds.TryParseSeverity(reader.GetString(14), out var severity) ? severity : Rules.Severity.Breach,
                DueAt = reader.IsDBNull(15) ? null : Parse(reader.GetString(15)),
                Line = reader.IsDBNull(16) ? null : reader.GetString(16),
                NotBefore = Instants.Later(reader.IsDBNull(17) ? null : Parse(reader.GetString(17)), reader.IsDBNull(21) ? null : Parse(reader.GetString(21))),
                CaseNumber = reader.IsDBNull(18) ? null : reader.GetString(18),
                Subject = reader.IsDBNull(19) ? null : reader.GetString(19),
                FindingOpen = Convert.ToInt32(reader.GetValue(20), CultureInfo.InvariantCulture) != 0,
                AwaitingMark = Convert.ToInt32(reader.GetValue(22), CultureInfo.InvariantCulture) != 0,
            };
        }
    }

    public Task<IReadOnlySet<string>> ClaimAsync(IReadOnlyList<Alert> alerts, DateTimeOffset at, string instance, CancellationToken cancellationToken) =>
        ClaimAsync(null, _ => alerts, at, instance, cancellationToken);

    public Task<IReadOnlySet<string>> ClaimWithinWindowAsync(DateTimeOffset since, Func<int, IReadOnlyList<Alert>> choose, DateTimeOffset at, string instance,
        CancellationToken cancellationToken) => ClaimAsync((DateTimeOffset?)since, choose, at, instance, cancellationToken);

    private async Task<IReadOnlySet<string>> ClaimAsync(DateTimeOffset? window, Func<int, IReadOnlyList<Alert>> choose, DateTimeOffset at, string instance,
        CancellationToken cancellationToken)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var recent = 0;
        if (window is { } from)
        {
            // Counted after every claim committed before this one: dispatchers of a cluster claim one at a time.
            if (SerializeClaims is { } serialize)
            {
                await ExecuteAsync(connection, tx, serialize, cancellationToken);
            }

            recent = await CountPostsSinceAsync(connection, tx, from, cancellationToken);
        }

        foreach (var a in choose(recent))
        {
            // Compare-and-set on the state read: a dispatcher that read the same row loses the race and skips it.
            var rows = await ExecuteAsync(connection, tx, """
                UPDATE alerts SET state = 'sending', sending_since = @at, claimed_by = @me
                WHERE reference = @ref AND state = @state AND COALESCE(sending_since, '') = @since
                """, cancellationToken, ("@at", Format(at)), ("@me", instance), ("@ref", a.Reference), ("@state", a.State),
                ("@since", ClaimedAt(a)));
            if (rows == 1)
            {
                claimed.Add(a.Reference);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task ReleaseAsync(IReadOnlyList<string> references, string instance, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var reference in references)
        {
            await ExecuteAsync(connection, tx, "UPDATE alerts SET state = 'pending', sending_since = NULL, claimed_by = NULL WHERE reference = @ref AND state = 'sending' AND claimed_by = @me",
                cancellationToken, ("@ref", reference), ("@me", instance));
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The instant an alert was claimed at, as stored ("" for one never claimed): what a compare-and-set on its claim matches.</summary>
    private static string ClaimedAt(Alert a) => a.SendingSince is { } sending ? Format(sending) : "";

    public async Task ReturnUnmadeAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var a in alerts)
        {
            await ExecuteAsync(connection, tx, """
                UPDATE alerts SET state = 'pending', claimed_by = NULL
                WHERE reference = @ref AND state = 'sending' AND COALESCE(sending_since, '') = @since
                """, cancellationToken, ("@ref", a.Reference), ("@since", ClaimedAt(a)));
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task MarkSentAsync(string reference, string feedElementId, DateTimeOffset at, CancellationToken cancellationToken, string? postTemplate = null)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            "UPDATE alerts SET state = 'sent', sent_at = @at, feed_element_id = @fe, last_error = NULL, template_id = COALESCE(@t, template_id) WHERE reference = @ref",
            cancellationToken, ("@at", Format(at)), ("@fe", feedElementId), ("@t", postTemplate), ("@ref", reference));
    }

    public async Task<IReadOnlyDictionary<string, string>> LastPostTemplatesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (string Template, string SentAt)>(StringComparer.OrdinalIgnoreCase);
        if (caseIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ForEachInAsync(connection, null, "SELECT a.case_id, a.template_id, a.sent_at FROM alerts a",
            "a.state = 'sent' AND a.template_id IS NOT NULL AND a.purpose <> 'summary' AND a.case_id", caseIds, r =>
            {
                // Instants are stored in one fixed-width UTC format: ordinal order is time order.
                if (!last.TryGetValue(r.GetString(0), out var known) || string.CompareOrdinal(r.GetString(2), known.SentAt) > 0)
                {
                    last[r.GetString(0)] = (r.GetString(1), r.GetString(2));
                }
            }, cancellationToken);
        return last.ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<int> PostsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await CountPostsSinceAsync(connection, null, since, cancellationToken);
    }

    private async Task<int> CountPostsSinceAsync(DbConnection connection, DbTransaction? tx, DateTimeOffset since, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync(connection, tx,
            "SELECT (SELECT COUNT(DISTINCT feed_element_id) FROM alerts WHERE sent_at > @s) + " +
            "(SELECT COUNT(DISTINCT case_id) FROM alerts WHERE state = 'sending' AND sending_since > @s)", cancellationToken, ("@s", Format(since))), CultureInfo.InvariantCulture);

    public async Task MarkFailedAsync(string reference, string error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "UPDATE alerts SET state = 'failed', attempts = attempts + 1, last_error = @e WHERE reference = @ref AND state = 'sending'", cancellationToken,
            ("@e", error), ("@ref", reference));
    }

    public async Task<bool> KnowsItsPostsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var seeded = await ScalarAsync(connection, null, "SELECT COUNT(*) FROM watermarks WHERE object = @o", cancellationToken, ("@o", KnownPostsMark));
        var sent = await ScalarAsync(connection, null, "SELECT COUNT(*) FROM alerts WHERE state = 'sent'", cancellationToken);
        return Convert.ToInt64(seeded, CultureInfo.InvariantCulture) > 0 || Convert.ToInt64(sent, CultureInfo.InvariantCulture) > 0;
    }

    public async Task RecordKnownPostsAsync(IReadOnlyList<KnownPost> posts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteRowsAsync(connection, tx, "INSERT INTO known_posts (reference, feed_element_id, case_id, posted_at) VALUES", "ON CONFLICT DO NOTHING",
            posts.DistinctBy(p => p.Reference, StringComparer.Ordinal).ToList(), p => [p.Reference, p.FeedElementId, p.CaseId, Format(p.PostedAt)], cancellationToken);

        await SetWatermarkAsync(connection, tx, KnownPostsMark, at, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, KnownPost>> KnownPostsAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, KnownPost>(StringComparer.Ordinal);
        await ForEachByIdAsync("SELECT reference, feed_element_id, case_id, posted_at FROM known_posts", "reference", references,
            r => known[r.GetString(0)] = new KnownPost(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Parse(r.GetString(3))), cancellationToken);
        return known;
    }

    public async Task MarkWithdrawnAsync(IReadOnlyList<string> references, bool notMade, CancellationToken cancellationToken)
    {
        if (references.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // A refused post (failed), or one known not to be in the feed, never reached it: withdrawn, it keeps no sign of having
        // been sent (see Told).
        await ExecuteWhereInAsync(connection, tx,
            notMade ? "UPDATE alerts SET state = 'withdrawn', sending_since = NULL"
                : "UPDATE alerts SET state = 'withdrawn', sending_since = CASE WHEN state = 'failed' THEN NULL ELSE sending_since END",
            "state IN ('pending', 'sending', 'failed') AND reference", references, cancellationToken);

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<AlertHistory> HistoryAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        // The last template used on each case (any breach), so the next post on that case picks another one; and per
        // breach key what the outbox sent. Aggregated here, not in SQL: the IN list of the cases closes the statement.
        var lastTemplate = new Dictionary<string, (string Template, string CreatedAt, int Sequence)>(StringComparer.OrdinalIgnoreCase);
        var sums = new Dictionary<string, BreachTally>(StringComparer.Ordinal);
        var queuedFirst = new Dictionary<string, int>(StringComparer.Ordinal);
        var queuedReminder = new Dictionary<string, (int Sequence, int Level)>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await ForEachInAsync(connection, null, $"""
            SELECT a.case_id, a.breach_key, a.state, a.level, a.sent_at, a.sequence, a.template_id, a.created_at, f.acknowledged_at, f.snoozed_until,
                   CASE WHEN {Told} THEN 1 ELSE 0 END, a.purpose, {SinceOfReturn}
            FROM alerts a LEFT JOIN findings f ON f.breach_key = a.breach_key
            """, "a.purpose <> 'summary' AND a.case_id", caseIds, r =>
        {
            var (caseId, breachKey, sequence, createdAt) = (r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture), r.GetString(7));
            if (!r.IsDBNull(6) && (!lastTemplate.TryGetValue(caseId, out var last) || Later(createdAt, sequence, last.CreatedAt, last.Sequence)))
            {
                lastTemplate[caseId] = (r.GetString(6), createdAt, sequence);
            }

            var sentAt = r.IsDBNull(4) ? null : r.GetString(4);
            var since = Convert.ToInt32(r.GetValue(12), CultureInfo.InvariantCulture);
            if (!sums.TryGetValue(breachKey, out var tally))
            {
                sums[breachKey] = tally = new BreachTally(caseId, r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), since);
            }

            if (sequence < since)
            {
                tally.Before(sequence); // an earlier instance of the breach, told and cleared: only its sequence is still taken
                return;
            }

            if (r.GetString(11) == "breach" && r.GetString(2) is "pending" or "failed")
            {
                queuedFirst[breachKey] = sequence;
            }
            else if (r.GetString(11) == "reminder" && r.GetString(2) is "pending" or "failed")
            {
                queuedReminder[breachKey] = (sequence, Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture));
            }

            tally.Add(r.GetString(2), sentAt, sequence, Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture) == 1);
        }, cancellationToken);

        var history = sums.ToDictionary(p => p.Key, p => p.Value.History() with
        {
            // Bounded: a verdict that comes and goes at every sweep while its post is held would add one withdrawn row each time.
            RequeueSequence = p.Value.Live == 0 ? Math.Min(p.Value.NextSequence, p.Value.Since + MaxUntoldReturns - 1) : null,
            QueuedFirst = queuedFirst.TryGetValue(p.Key, out var first) ? first : null,
            QueuedReminder = queuedReminder.TryGetValue(p.Key, out var reminder) ? reminder : null,
        }, StringComparer.Ordinal);
        return new AlertHistory(history, lastTemplate.ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.OrdinalIgnoreCase));

        // Instants are stored in one fixed-width UTC format: ordinal order is time order.
        static bool Later(string at, int sequence, string thanAt, int thanSequence) =>
            string.CompareOrdinal(at, thanAt) is var c && (c > 0 || (c == 0 && sequence > thanSequence));
    }

    /// <summary>The catalogue's rules that are never reminded, as SQL literals (rule ids are the catalogue's own constants).</summary>
    private static readonly string NotReminded = string.Join(", ",
        Rules.RuleCatalog.Rules.Where(r => !r.Value.Reminders).Select(r => "'" + r.Key + "'").DefaultIfEmpty("''"));

    /// <summary>One breach's alerts folded as they are read: what the outbox history and the reminder probe both total.</summary>
    private sealed class BreachTally(string caseId, string? acknowledgedAt, string? snoozedUntil, int since = 0)
    {
        public string CaseId => caseId;

        /// <summary>The first sequence of the breach's current instance (see <c>findings.since_sequence</c>).</summary>
        public int Since => since;

        /// <summary>An alert of an earlier instance: its sequence is taken, nothing else of it counts.</summary>
        public void Before(int sequence) => NextSequence = Math.Max(NextSequence, sequence + 1);

        public int Sent { get; private set; }

        public int Level { get; private set; }

        public string? LastSentAt { get; private set; }

        public int NextSequence { get; private set; }

        /// <summary>Alerts that count as told (see <see cref="Told"/>).</summary>
        public int Live { get; private set; }

        public int Kept { get; private set; }

        public void Add(string state, string? sentAt, int sequence, int level, bool told)
        {
            Sent += state == "sent" ? 1 : 0;
            Level = Math.Max(Level, level);
            // Instants are stored in one fixed-width UTC format: ordinal order is time order.
            LastSentAt = LastSentAt is null || (sentAt is not null && string.CompareOrdinal(sentAt, LastSentAt) > 0) ? sentAt ?? LastSentAt : LastSentAt;
            NextSequence = Math.Max(NextSequence, sequence + 1);
            Live += told ? 1 : 0;
            Kept += state == "withdrawn" ? 0 : 1;
        }

        public BreachHistory History() => new(Sent, Level, LastSentAt is { } at ? Parse(at) : null, NextSequence)
        {
            AcknowledgedAt = acknowledgedAt is { } ack ? Parse(ack) : null,
            SnoozedUntil = snoozedUntil is { } until ? Parse(until) : null,
            Kept = Kept,
        };
    }

    public async Task<(IReadOnlySet<string> Cases, DateTimeOffset? NextReminder)> AlertsToPlanAsync(TimeSpan reminderInterval, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var cases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Never alerted: a sweep stopped between the ledger and the outbox, or every alert of the breach was withdrawn
        // unposted when it cleared and it has come back since (an index probe per open finding).
        await ForEachRowAsync($"""
            SELECT f.case_id FROM findings f
            WHERE f.cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.breach_key = f.breach_key AND a.sequence >= f.since_sequence
                AND a.purpose <> 'summary' AND {Told})
            """, r => cases.Add(r.GetString(0)), cancellationToken);

        // Reminders: only breaches with a post sent can have one, so only their alerts are read (a first start's
        // baseline and the queue are most of the outbox, and have none); a breach met late has none.
        // Nor a clock's warning, the critical mark, or a rule about something over (see RuleInfo.Reminders): their cases are
        // not woken for one.
        var sent = new Dictionary<string, BreachTally>(StringComparer.Ordinal);
        await ForEachRowAsync($"""
            SELECT f.case_id, a.breach_key, a.state, a.sent_at, a.sequence, f.acknowledged_at, f.snoozed_until
            FROM findings f JOIN alerts a ON a.breach_key = f.breach_key AND a.sequence >= f.since_sequence
            WHERE f.cleared_at IS NULL AND f.settled = 0 AND f.kind NOT IN ('critical', 'sla-warning') AND f.rule_id NOT IN ({NotReminded}) AND a.purpose <> 'summary'
                AND EXISTS (SELECT 1 FROM alerts s WHERE s.breach_key = f.breach_key AND s.state = 'sent' AND s.sequence >= f.since_sequence)
            """, r =>
        {
            if (!sent.TryGetValue(r.GetString(1), out var tally))
            {
                sent[r.GetString(1)] = tally = new BreachTally(r.GetString(0), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));
            }

            // Level and whether told are not read: a reminder's due instant needs neither.
            tally.Add(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), level: 0, told: false);
        }, cancellationToken);

        DateTimeOffset? next = null;
        foreach (var s in sent.Values)
        {
            if (s.History().ReminderDue(reminderInterval) is not { } due)
            {
                continue; // in flight, or acknowledged
            }

            if (due <= now)
            {
                cases.Add(s.CaseId);
            }
            else if (next is null || due < next)
            {
                next = due;
            }
        }

        return (cases, next);
    }

    public async Task<IReadOnlyList<(string FeedElementId, string BreachKey, IReadOnlyList<string> Mentions)>> OpenPostsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT a.feed_element_id, a.breach_key, a.mentions FROM alerts a JOIN findings f ON f.breach_key = a.breach_key
            WHERE f.cleared_at IS NULL AND a.state = 'sent' AND a.feed_element_id IS NOT NULL AND a.purpose <> 'resolution'
                AND a.sequence >= f.since_sequence
            ORDER BY a.feed_element_id, a.breach_key
            """, cancellationToken))
        .Select(r => ((string)r[0]!, (string)r[1]!, (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>((string)r[2]!) ?? []))).ToList();

    public async Task<IReadOnlyList<FindingHistory>> CaseHistoryAsync(string caseId, CancellationToken cancellationToken)
    {
        var id = Salesforce.SalesforceId.IsValid(caseId) ? Salesforce.SalesforceId.To18(caseId) : caseId;
        var alerts = new Dictionary<string, List<AlertEvent>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT breach_key, reference, purpose, level, state, created_at, not_before, sent_at, attempts FROM alerts WHERE case_id = @c ORDER BY sequence";
            command.Parameters.Add(Parameter(command, "@c", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!alerts.TryGetValue(reader.GetString(0), out var list))
                {
                    alerts[reader.GetString(0)] = list = [];
                }

                list.Add(new AlertEvent(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), Parse(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : Parse(reader.GetString(6)), reader.IsDBNull(7) ? null : Parse(reader.GetString(7))) { Attempts = Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture) });
            }
        }

        var history = new List<FindingHistory>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT breach_key, rule_id, kind, severity, due_at, first_seen, last_seen, cleared_at, acknowledged_at, acknowledged_by, snoozed_until
                FROM findings WHERE case_id = @c ORDER BY first_seen, breach_key
                """;
            command.Parameters.Add(Parameter(command, "@c", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : Parse(reader.GetString(i));
                history.Add(new FindingHistory(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), At(4), Parse(reader.GetString(5)),
                    Parse(reader.GetString(6)), At(7), At(8), reader.IsDBNull(9) ? null : reader.GetString(9), At(10), alerts.GetValueOrDefault(reader.GetString(0)) ?? []));
            }
        }

        return history;
    }

    public async Task<(int Count, IReadOnlyList<Finding> Oldest)> OpenFindingsOfPacksAsync(IReadOnlyCollection<string> packs, int oldest,
        CancellationToken cancellationToken)
    {
        // Streamed: at 100,000 cases a first start leaves some 200,000 open findings, and the summary prints 60.
        var wanted = packs.ToHashSet(StringComparer.Ordinal);
        var count = 0;
        var kept = new List<Finding>(Math.Min(oldest, 1024));
        await ForEachRowAsync("""
            SELECT pack, breach_key, case_id, case_number, rule_id, kind, severity, due_at, detail FROM findings
            WHERE cleared_at IS NULL AND settled = 0 AND severity IN ('critical', 'breach', 'warning') ORDER BY pack, first_seen, case_number, rule_id
            """, r =>
        {
            if (!wanted.Contains(r.GetString(0)) || count++ >= oldest)
            {
                return;
            }

            kept.Add(new Finding
            {
                Pack = r.GetString(0), BreachKey = r.GetString(1), CaseId = r.GetString(2), CaseNumber = r.GetString(3), RuleId = r.GetString(4),
                Kind = FindingKinds.TryParse(r.GetString(5), out var kind) ? kind : FindingKind.SlaBreach,
                Severity = FindingKinds.TryParseSeverity(r.GetString(6), out var severity) ? severity : Severity.Breach,
                DueAt = r.IsDBNull(7) ? null : Parse(r.GetString(7)), Detail = r.IsDBNull(8) ? r.GetString(4) : r.GetString(8),
            });
        }, cancellationToken);
        return (count, kept);
    }

    public async Task AcknowledgeAsync(string breachKey, string byUserId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "UPDATE findings SET acknowledged_at = @at, acknowledged_by = @by WHERE breach_key = @k AND acknowledged_at IS NULL",
            cancellationToken, ("@at", Format(at)), ("@by", byUserId), ("@k", breachKey));
    }

    public async Task SnoozeAsync(string breachKey, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "UPDATE findings SET snoozed_until = @u WHERE breach_key = @k AND (snoozed_until IS NULL OR snoozed_until < @u)",
            cancellationToken, ("@u", Format(until)), ("@k", breachKey));
    }

    public async Task RecordCriticalMarkAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "INSERT INTO critical_marks (case_id, marked_at) VALUES (@c, @at) ON CONFLICT DO NOTHING", cancellationToken, ("@c", caseId), ("@at", Format(at)));
    }
}
