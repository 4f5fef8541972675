using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>What a dispatch run did.</summary>
public sealed record DispatchReport(int Posted, int Failed, int Unknown, int Adopted, int Held)
{
    /// <summary>Chatter posts made (one per case, each carrying one or more alerts).</summary>
    public int Posts { get; init; }

    /// <summary>Alerts waiting off-shift for their team's next working period.</summary>
    public int OffShift { get; init; }

    /// <summary>Held alerts whose finding cleared before they could go out: withdrawn, never posted.</summary>
    public int Withdrawn { get; init; }

    /// <summary>Critical-case alerts waiting for SfBridge's mark on their case (Salesforce refused it, or it is not set yet).</summary>
    public int AwaitingMark { get; init; }

    /// <summary>Reminders left to the next periodic dispatch, which reads the replies to the posts first.</summary>
    public int RemindersLeft { get; init; }
}

/// <summary>
/// Which reminders a dispatch leaves to the next periodic one, which reads the replies to the posts before it posts: those
/// that became ready (queued, or released when their team's hours opened) after <paramref name="ReadyBy"/>, the instant
/// up to which replies are known to have been read; unless their team stops work before that dispatch may come, in
/// <paramref name="NextDispatchIn"/> (their rule would then hold them to the next working period, or strip their mentions).
/// </summary>
public sealed record ReminderWait(DateTimeOffset ReadyBy, TimeSpan NextDispatchIn);

/// <summary>
/// Posts due alerts to the case feeds, exactly once, one post per case per run: the alerts of a case go out together,
/// most severe first, each keeping its reference so a post whose confirmation was lost is found and adopted alert by
/// alert. Each alert is claimed ("sending", compare-and-set, so two dispatchers never post the same alert) before its
/// post and marked "sent" only after Salesforce confirms it. An alert found in "sending" at a later run (crash,
/// timeout, 5xx, lost response) is looked up by its reference among SfBridge's own posts on its case, with one SOQL
/// query on FeedItem for all such cases (no clock comparison, however busy the feed), and adopted if the post exists;
/// it is posted again only after <see cref="AlertsOptions.RepostGrace"/>, as Salesforce may still be completing it. A
/// state database that has never posted first reads SfBridge's recent posts once, so a new or lost database posts
/// nothing twice. When Salesforce refuses the call rather than the post (API limit, session, circuit open), the
/// alerts go back to pending without losing an attempt and the run fails. Several posts go out in one batch call. Caps
/// per run and per window (posts, <see cref="BacklogWindow"/>, counted again as the posts are claimed, so the workers of a
/// cluster share one window) and per case (alerts in one post) keep a bad mapping or a
/// backlog from flooding Chatter, and never hold a
/// critical or breach alert behind a warning: what they hold is the least severe, latest due, and a breach that has
/// just come due goes before a backlog (<see cref="FreshBreach"/>). An alert held off-shift
/// waits for its team's working period; one whose finding cleared meanwhile is withdrawn, and so is a held reminder
/// whose breach was acknowledged meanwhile. The due alerts are streamed case by case and only the posts of the run are
/// kept, so a backlog of hundreds of thousands (a first start without the baseline, a long outage) costs its reading,
/// not its memory.
/// </summary>
public sealed partial class AlertDispatcher(SalesforceClient client, SalesforceTokenProvider tokens, IAlertStore store, IOptions<AlertsOptions> options,
    IOptions<Cluster.ClusterOptions> cluster, PolicyProvider policy, TimeProvider time, ILogger<AlertDispatcher> logger)
{
    /// <summary>
    /// A critical or breach alert due within this long before the run is posted ahead of everything else queued: a first
    /// start's backlog or a long outage's drains at <see cref="AlertsOptions.MaxPostsPerCycle"/> posts a <see cref="BacklogWindow"/>, and a breach
    /// that comes due meanwhile is not left behind it. Long enough to cover a run or two that could not post.
    /// </summary>
    internal static readonly TimeSpan FreshBreach = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Everything but a breach just come due (<see cref="FreshBreach"/>) goes out at <see cref="AlertsOptions.MaxPostsPerCycle"/>
    /// posts in this long, however many runs fall in it: the worker also dispatches at every due instant, which on a large
    /// org comes every few seconds, and a backlog drained at the cap per run would reach Chatter at hundreds of posts a minute.
    /// A minute less a few seconds: a dispatch a cron starts every minute finds the previous run's posts, made seconds after
    /// that run started, outside the window (the default interval runs from the end of a run, so they are out anyway).
    /// </summary>
    internal static readonly TimeSpan BacklogWindow = TimeSpan.FromSeconds(55);

    /// <summary>Case ids per FeedItem query (the IN list stays well inside the URL limit).</summary>
    private const int CasesPerQuery = 200;

    /// <summary>
    /// What an alert planned within its team's hours does if it would now go out after them (held back by the caps, the
    /// back-off after a refusal, or the critical mark, past the close): its rule's rules.csv off_shift, read again now. A rule
    /// that waits for its team waits again, until the team's next working period; a quiet one goes out without its mentions.
    /// Null while the team is at work, and for a note, which mentions nobody and goes out at any hour.
    /// </summary>
    private static OffShift? OffShiftNow(Alert a, Policy current, DateTimeOffset now) =>
        a.Purpose != AlertPurpose.Resolution && current.Rules.TryGetValue(a.RuleId, out var rule) && !current.Calendar(rule.TeamCalendar).IsOpen(now)
            ? rule.OffShift : null;

    /// <summary>
    /// Whether a morning summary is still of its day on its team's calendar (the key ends with the day). One still queued the
    /// next day (an outage, a refusal) would list what stood then as open now: it is withdrawn, and that day's own summary
    /// tells how things stand. A summary of a team no longer in summaries.csv is not wanted either.
    /// </summary>
    private static bool OfItsDay(Alert a, Policy mappings, DateTimeOffset now)
    {
        var team = mappings.Summaries.FirstOrDefault(t => string.Equals(t.GroupId, a.CaseId, StringComparison.OrdinalIgnoreCase) &&
                                                         string.Equals(t.Team, a.CaseNumber, StringComparison.Ordinal));
        return team is not null && DateOnly.TryParseExact(a.BreachKey[(a.BreachKey.LastIndexOf('|') + 1)..], "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) && day == mappings.Calendar(team.Calendar).LocalDate(now);
    }

    /// <summary>
    /// Whether a reminder (<paramref name="offShiftNow"/>: its <see cref="OffShiftNow"/> at <paramref name="now"/>) became
    /// ready after replies were last read up to <see cref="ReminderWait.ReadyBy"/> (queued since, or held for its team's
    /// hours then), and its team is not about to stop work before the periodic dispatch may come.
    /// </summary>
    private static bool LeftForReplies(Alert a, ReminderWait wait, Policy mappings, DateTimeOffset now, OffShift? offShiftNow)
    {
        var readySince = Instants.Later(a.CreatedAt, a.NotBefore) > wait.ReadyBy || OffShiftNow(a, mappings, wait.ReadyBy) == OffShift.Wait;
        var teamStopping = offShiftNow is null && OffShiftNow(a, mappings, now + wait.NextDispatchIn) is OffShift.Wait or OffShift.Quiet;
        return readySince && !teamStopping;
    }

    /// <summary>
    /// Posts what is due, leaving the reminders <paramref name="wait"/> names to the next periodic dispatch: an "ok" written
    /// in the minute before a reminder fell due is read before it could go out (see <see cref="ReminderWait"/>).
    /// </summary>
    public async Task<DispatchReport> RunAsync(CancellationToken cancellationToken, ReminderWait? wait = null)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        await SeedKnownPostsAsync(now, cancellationToken); // a new database reads its earlier posts at its first run

        // First settle what may already be in Chatter (few alerts: unconfirmed posts, references seen in earlier posts),
        // then stream the rest case by case, keeping only the posts this run can make.
        var unconfirmedDue = (await store.UnconfirmedAsync(o.MaxAttempts, cancellationToken)).Select(a => WithBackoff(a, o)).ToList();
        var mappings = policy.Current;
        // A post queued again after its lookup (held for the team's hours) is looked up again only when it could go out now: the
        // lookups of a whole night or weekend would each cost a query.
        // One whose finding has cleared is looked up too: found, it is adopted (and its resolution note follows), not written off.
        bool LookUp(Alert a) => a.State == AlertState.Sending ||
                                (a.Unconfirmed && (!a.FindingOpen || (!(a.NotBefore > now) && !a.AwaitingMark && OffShiftNow(a, mappings, now) != OffShift.Wait)));
        var adopted = await AdoptAlreadyPostedAsync(unconfirmedDue, await KnownAsync(unconfirmedDue, cancellationToken), LookUp, cancellationToken);
        // An unconfirmed post not found yet is left alone for a while: Salesforce may still be completing it.
        bool Waiting(Alert a) => a.State == AlertState.Sending && a.SendingSince > now - o.RepostGrace;
        var unconfirmed = unconfirmedDue.Count(a => Waiting(a) && !adopted.Contains(a.Reference));

        var withdrawn = new List<string>(); // finding cleared before its post went out
        var withdrawnNotMade = new List<string>(); // finding cleared, and its claimed post not found in the feed past the grace: never made
        // A claimed post not found in the feed past the grace that cannot go out now waits as any alert does, so the sweep
        // rewrites it as its case then stands (a field filled or an owner changed overnight).
        var unmade = new List<Alert>();
        var offShift = 0;
        var awaitingMark = 0;
        var remindersLeft = 0;
        // Posts made within the window (the previous periodic run started at least a minute ago, by default ended one ago).
        var recent = await store.PostsSinceAsync(now - BacklogWindow, cancellationToken);
        var choice = new PostChoice(o.MaxPostsPerCycle, Math.Max(0, o.MaxPostsPerCycle - recent), now - FreshBreach);
        var group = new List<Alert>(); // the ready alerts of the case being read
        // Kept apart when ready: an unconfirmed post not found in the feed past the grace joins its case's other alerts.
        var retry = new Dictionary<string, List<Alert>>(StringComparer.OrdinalIgnoreCase);
        void Sort(Alert a, List<Alert> ready)
        {
            var offShiftNow = OffShiftNow(a, mappings, now);
            if (!a.FindingOpen || (a.Purpose == AlertPurpose.Summary && !OfItsDay(a, mappings, now)))
            {
                (a.State == AlertState.Sending || a.Unconfirmed ? withdrawnNotMade : withdrawn).Add(a.Reference);
            }
            else if (a.NotBefore > now || offShiftNow == OffShift.Wait)
            {
                offShift++;
                Unmade(a);
            }
            else if (a.AwaitingMark)
            {
                awaitingMark++; // posted by the run after the marker set it (the periodic dispatch marks first)
                Unmade(a);
            }
            else if (wait is not null && a.Purpose == AlertPurpose.Reminder && a.State != AlertState.Sending && LeftForReplies(a, wait, mappings, now, offShiftNow))
            {
                remindersLeft++;
            }
            else
            {
                ready.Add(a);
            }
        }

        void Unmade(Alert a)
        {
            if (a.State == AlertState.Sending)
            {
                unmade.Add(a);
            }
        }

        foreach (var a in unconfirmedDue.Where(a => !adopted.Contains(a.Reference) && !Waiting(a)))
        {
            Sort(a, retry.TryGetValue(a.CaseId, out var ready) ? ready : retry[a.CaseId] = []);
        }

        string? current = null;
        void Offer()
        {
            if (current is not null && retry.Remove(current, out var again))
            {
                group.AddRange(again);
            }

            choice.Offer(group, o.MaxPostsPerCase);
            group = [];
        }

        // The stream leaves out what the first read settled: an alert sending, or seen in earlier posts, that was queued
        // or claimed since is left to the next run, which looks it up first.
        await foreach (var due in store.DueAsync(o.MaxAttempts, cancellationToken))
        {
            if (!string.Equals(current, due.CaseId, StringComparison.OrdinalIgnoreCase))
            {
                Offer();
                current = due.CaseId;
            }

            Sort(WithBackoff(due, o), group);
        }

        Offer();
        foreach (var (_, ready) in retry)
        {
            choice.Offer(ready, o.MaxPostsPerCase); // cases with nothing else queued
        }

        await store.MarkWithdrawnAsync(withdrawn, notMade: false, cancellationToken);
        await store.MarkWithdrawnAsync(withdrawnNotMade, notMade: true, cancellationToken);
        await store.ReturnUnmadeAsync(unmade, cancellationToken);
        // The window's posts counted again as the alerts are claimed: another worker of the cluster may have posted since
        // this run counted them. Another dispatcher may also have read the same alerts: post only what this one claimed.
        var posts = choice.Within(recent);
        var claimed = posts.Count == 0 ? new HashSet<string>() : await store.ClaimWithinWindowAsync(now - BacklogWindow, counted =>
        {
            recent = counted;
            posts = choice.Within(counted);
            return posts.SelectMany(p => p).ToList();
        }, time.GetUtcNow(), cluster.Value.Instance, cancellationToken); // stamped now: the grace runs from the post, not from the start of the run
        var held = choice.Ready - posts.Sum(p => p.Count);
        if (held > 0 && recent < o.MaxPostsPerCycle)
        {
            AlertsLog.HeldBack(logger, held, choice.Cases - posts.Count, o.MaxPostsPerCycle, o.MaxPostsPerCase);
        }
        else if (held > 0)
        {
            // A wake-up after the window's posts were made: one warning a window is enough during a long drain.
            AlertsLog.BacklogWaitsThisWindow(logger, held, choice.Cases - posts.Count, o.MaxPostsPerCycle);
        }

        posts = posts.Select(p => p.Where(a => claimed.Contains(a.Reference)).ToList()).Where(p => p.Count > 0).ToList();
        var withText = (await store.WithTextAsync(posts.SelectMany(p => p).ToList(), cancellationToken)).ToDictionary(a => a.Reference, StringComparer.Ordinal);
        posts = posts.Select(p => p.Select(a => withText[a.Reference]).Select(a => OffShiftNow(a, mappings, now) == OffShift.Quiet ? a with { Mentions = [] } : a).ToList()).ToList();
        var report = new DispatchReport(0, 0, unconfirmed, adopted.Count, held) { OffShift = offShift, Withdrawn = withdrawn.Count + withdrawnNotMade.Count, AwaitingMark = awaitingMark, RemindersLeft = remindersLeft };
        if (posts.Count == 0)
        {
            return report;
        }

        // A digest opens unlike the case's last post (templates.csv: a post never reuses the template of the post before it).
        var lastTemplates = await store.LastPostTemplatesAsync(posts.Where(p => p.Count > 1).Select(p => p[0].CaseId).ToList(), cancellationToken);
        var shaped = posts.Select(p => ToPost(p, lastTemplates.GetValueOrDefault(p[0].CaseId))).ToList();
        var (posted, failed, unknown) = posts.Count == 1 ? await PostOneAsync(posts[0], shaped[0], cancellationToken) : await PostBatchAsync(posts, shaped, cancellationToken);
        AlertsLog.Dispatched(logger, posted, failed, unknown, adopted.Count);
        return report with { Posted = posted, Failed = failed, Unknown = unconfirmed + unknown, Posts = posts.Count };
    }

    /// <summary>A refused post waits out its backoff before it is tried again.</summary>
    private static Alert WithBackoff(Alert a, AlertsOptions o) =>
        a.State == AlertState.Failed && a.SendingSince is { } tried ? a with { NotBefore = Instants.Later(a.NotBefore, tried + Backoff(o, a.Attempts)) } : a;

    /// <summary>
    /// The posts of one run, chosen while the due alerts stream past case by case: each case's alerts as
    /// <see cref="Choose"/> picks them, and of those posts only the first <c>Alerts:MaxPostsPerCycle</c> in posting order
    /// (a case with a breach that has just come due first, so it goes at the breach instant ahead of a backlog; then the
    /// most severe, earliest due, earliest queued alert first; then the case whose ready alert was queued first), of which
    /// at most <paramref name="backlog"/> without a fresh breach (what the last <see cref="BacklogWindow"/> left of the
    /// cap), so memory holds those posts and one case, whatever the backlog.
    /// </summary>
    private sealed class PostChoice(int max, int backlog, DateTimeOffset freshSince)
    {
        private int _fresh; // posts offered with a fresh breach, kept or not: they sort first in the kept list

        private readonly List<(List<Alert> Post, Alert First, bool Fresh)> _kept = [];

        /// <summary>Alerts ready to go out, of how many cases.</summary>
        public int Ready { get; private set; }

        public int Cases { get; private set; }

        /// <summary>
        /// The posts of this run when <paramref name="recent"/> posts were made within the window: the fresh ones kept, up to
        /// the cap, and the backlog's best, up to what the window and the fresh ones leave of it.
        /// </summary>
        public List<List<Alert>> Within(int recent) =>
            _kept.Take(Math.Min(max, _kept.Count(k => k.Fresh) + Math.Max(0, max - recent))).Select(k => k.Post).ToList();

        public void Offer(List<Alert> ready, int perCase)
        {
            if (ready.Count == 0)
            {
                return;
            }

            if (ready.Count > 1 && ready.Exists(a => a.Purpose == AlertPurpose.Summary))
            {
                // A team's summary is a post of its own, never one "case" with another team's summary in the same Chatter group.
                foreach (var summary in ready.Where(a => a.Purpose == AlertPurpose.Summary))
                {
                    Offer([summary], perCase);
                }

                Offer(ready.Where(a => a.Purpose != AlertPurpose.Summary).ToList(), perCase);
                return;
            }

            Ready += ready.Count;
            Cases++;
            var post = Choose(ready, perCase);
            var first = ready.MinBy(a => a, FirstQueued)!;
            var fresh = post.Exists(Fresh);
            var at = _kept.Count;
            while (at > 0 && Compare(fresh, post[0], first, _kept[at - 1].Fresh, _kept[at - 1].Post[0], _kept[at - 1].First) < 0)
            {
                at--;
            }

            // Fresh posts sort first, so the kept list is the fresh ones, then the backlog's best: the fresh ones up to the
            // cap, the backlog's up to what the window and the fresh ones leave of it, which never grows, so a post cut now
            // would never have been kept.
            _kept.Insert(at, (post, first, fresh));
            _fresh += fresh ? 1 : 0;
            if (_kept.Count > Math.Min(max, _fresh + backlog))
            {
                _kept.RemoveAt(_kept.Count - 1);
            }
        }

        private static readonly Comparer<Alert> FirstQueued = Comparer<Alert>.Create((x, y) =>
            x.CreatedAt.CompareTo(y.CreatedAt) is var c and not 0 ? c : string.CompareOrdinal(x.Reference, y.Reference));

        /// <summary>A critical or breach alert whose due instant passed within <see cref="FreshBreach"/>: it goes at the breach instant.</summary>
        private bool Fresh(Alert a) => a.Severity >= Severity.Breach && a.DueAt >= freshSince;

        private static int Compare(bool fresh, Alert head, Alert first, bool otherFresh, Alert otherHead, Alert otherFirst) =>
            otherFresh.CompareTo(fresh) is var f and not 0 ? f
            : otherHead.Severity.CompareTo(head.Severity) is var s and not 0 ? s
            : (head.DueAt ?? DateTimeOffset.MaxValue).CompareTo(otherHead.DueAt ?? DateTimeOffset.MaxValue) is var d and not 0 ? d
            : head.CreatedAt.CompareTo(otherHead.CreatedAt) is var c and not 0 ? c
            : FirstQueued.Compare(first, otherFirst);
    }

    /// <summary>The longest wait between two tries of a refused post.</summary>
    internal static readonly TimeSpan LongestBackoff = TimeSpan.FromHours(1);

    /// <summary>
    /// Alerts:RetryBackoff after the first refusal, doubled at each further one, at most <see cref="LongestBackoff"/>; from
    /// the Alerts:MaxAttempts-th refusal on, that longest wait.
    /// </summary>
    private static TimeSpan Backoff(AlertsOptions o, int attempts) => attempts >= o.MaxAttempts
        ? LongestBackoff
        : TimeSpan.FromTicks(Math.Min(LongestBackoff.Ticks, o.RetryBackoff.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>
    /// The alerts of one case that go out in this run, most severe and earliest due first: every critical and breach
    /// alert, then others up to the per-case cap.
    /// </summary>
    private static List<Alert> Choose(IEnumerable<Alert> alerts, int perCase)
    {
        var ordered = alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.DueAt ?? DateTimeOffset.MaxValue).ThenBy(a => a.CreatedAt).ThenBy(a => a.Reference, StringComparer.Ordinal).ToList();
        var urgent = ordered.Where(a => a.Severity >= Severity.Breach).ToList();
        return urgent.Concat(ordered.Where(a => a.Severity < Severity.Breach).Take(Math.Max(0, perCase - urgent.Count))).ToList();
    }

    /// <summary>
    /// One case's alerts as one post: mentions first (most severe alert's first), then the message, then the
    /// references. A single alert is its own message; several are an opening line (templates, purpose digest) and one
    /// line each with its reference, so each alert stays findable in the feed.
    /// </summary>
    internal ChatterPost ToPost(IReadOnlyList<Alert> alerts) => ToPost(alerts, null).Post;

    /// <param name="lastTemplate">The template of the case's last post, which a digest's opening avoids.</param>
    /// <returns>The post, and its digest opening's template (null for a single alert, whose own template it is).</returns>
    private (ChatterPost Post, string? DigestTemplate) ToPost(IReadOnlyList<Alert> alerts, string? lastTemplate)
    {
        var first = alerts[0];
        var post = ChatterPost.For(first.CaseId);
        var targets = new List<MentionTarget>();
        foreach (var id in alerts.SelectMany(a => a.Mentions).Distinct(StringComparer.Ordinal).Take(ChatterPost.MaxMentions))
        {
            if (MentionTarget.TryCreate(id, out var target))
            {
                targets.Add(target);
            }
            else
            {
                AlertsLog.MentionDropped(logger, id, first.Reference);
            }
        }

        post.Mentions(targets);
        // What is left once the mentions, the spaces between them and the one after them are counted: the text is cut to
        // fit here, so the references at the end are never what Chatter's limit cuts off.
        var lead = targets.Count > 0 ? " " : "";
        var room = ChatterPost.MaxBodyLength - (targets.Count * ChatterPost.MentionReserve) - Math.Max(0, targets.Count - 1) - lead.Length;
        if (alerts.Count == 1)
        {
            var tail = $" [{first.Reference}]";
            return (post.Text(lead + Clip(Greeted(first), room - tail.Length)).Text(tail), null);
        }

        var (digestTemplate, opening) = MessageComposer.Compose(new MessageFields(first.CaseNumber ?? "", first.Subject, "", null, "", first.RuleId, Rules.FindingKind.SlaBreach, first.BreachKey)
        {
            Count = alerts.Count,
            Resolved = alerts.Count(a => a.Purpose == AlertPurpose.Resolution),
        }, policy.Current, time.GetUtcNow(), lastTemplate, TemplatePurpose.Digest);
        var text = new System.Text.StringBuilder(lead).Append(Clip(opening, room / 4));
        var perLine = (room - text.Length) / alerts.Count;
        foreach (var a in alerts)
        {
            var tail = $" [{a.Reference}]";
            text.Append("\n• ").Append(Clip(a.Line ?? a.Message, perLine - tail.Length - 3)).Append(tail);
        }

        return (post.Text(text.ToString()), digestTemplate.Length > 0 ? digestTemplate : null);
    }

    /// <summary>
    /// An alert greets by the hour it is posted, not the hour it was judged (held off-shift, judged at a case's closing
    /// hour, or queued while Salesforce could not be reached). Only the greeting that opens the message is replaced,
    /// where the templates put {saudacao}: the same words further on may be the case's subject.
    /// </summary>
    private string Greeted(Alert alert) =>
        Greetings().Replace(alert.Message, MessageComposer.Greeting(time.GetUtcNow(), policy.Current.Settings.TimeZone), 1);

    [System.Text.RegularExpressions.GeneratedRegex("^(Bom dia|Boa tarde|Boa noite)(?=[!,])")]
    private static partial System.Text.RegularExpressions.Regex Greetings();

    /// <summary>At most <paramref name="room"/> characters, cut between text elements (never inside an emoji or a surrogate pair).</summary>
    private static string Clip(string text, int room) => ChatterText.Clip(text, Math.Max(1, room));

    private async Task<(int Posted, int Failed, int Unknown)> PostOneAsync(List<Alert> alerts, (ChatterPost Post, string? DigestTemplate) shaped,
        CancellationToken cancellationToken)
    {
        try
        {
            var element = await client.PostFeedElementAsync(shaped.Post, cancellationToken);
            foreach (var alert in alerts)
            {
                await store.MarkSentAsync(alert.Reference, element.Id, time.GetUtcNow(), cancellationToken, shaped.DigestTemplate);
            }

            return (alerts.Count, 0, 0);
        }
        catch (SalesforceApiException ex) when (NotMade(ex))
        {
            await DeferAsync(alerts, ex.ErrorCode, cancellationToken);
            throw;
        }
        catch (SalesforceApiException ex) when (IsRefusal(ex))
        {
            foreach (var alert in alerts)
            {
                AlertsLog.Refused(logger, alert.Reference, alert.CaseId, ex.ErrorCode);
                await store.MarkFailedAsync(alert.Reference, ex.ErrorCode, cancellationToken);
            }

            return (0, alerts.Count, 0);
        }
        catch (SalesforceApiException ex)
        {
            AlertsLog.OutcomeUnknown(logger, alerts.Count, ex.ErrorCode); // stays "sending": the feed decides next run
            return (0, 0, alerts.Count);
        }
    }

    private async Task<(int Posted, int Failed, int Unknown)> PostBatchAsync(List<List<Alert>> posts, List<(ChatterPost Post, string? DigestTemplate)> shaped,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatterBatchItem> results;
        try
        {
            results = await client.PostFeedElementsAsync(shaped.Select(s => s.Post).ToList(), cancellationToken);
        }
        catch (SalesforceApiException ex) when (NotMade(ex))
        {
            await DeferAsync(posts.SelectMany(p => p).ToList(), ex.ErrorCode, cancellationToken); // no post was made
            throw;
        }
        catch (SalesforceApiException ex) when (IsRefusal(ex))
        {
            foreach (var alert in posts.SelectMany(p => p))
            {
                AlertsLog.Refused(logger, alert.Reference, alert.CaseId, ex.ErrorCode);
                await store.MarkFailedAsync(alert.Reference, ex.ErrorCode, cancellationToken);
            }

            return (0, posts.Sum(p => p.Count), 0);
        }
        catch (SalesforceApiException ex)
        {
            AlertsLog.OutcomeUnknown(logger, posts.Sum(p => p.Count), ex.ErrorCode);
            return (0, 0, posts.Sum(p => p.Count));
        }

        int posted = 0, failed = 0;
        var deferred = new List<Alert>();
        string? deferredCode = null;
        for (var i = 0; i < posts.Count; i++)
        {
            var code = results[i].Success ? null : results[i].Errors.Count > 0 ? results[i].Errors[0].Code : "HTTP_" + results[i].StatusCode;
            if (code is not null && NotMade(results[i].StatusCode, code))
            {
                deferred.AddRange(posts[i]);
                deferredCode ??= code;
                continue;
            }

            foreach (var alert in posts[i])
            {
                if (results[i].Success)
                {
                    await store.MarkSentAsync(alert.Reference, results[i].FeedElement!.Id, time.GetUtcNow(), cancellationToken, shaped[i].DigestTemplate);
                    posted++;
                }
                else
                {
                    AlertsLog.Refused(logger, alert.Reference, alert.CaseId, code!);
                    await store.MarkFailedAsync(alert.Reference, code!, cancellationToken);
                    failed++;
                }
            }
        }

        if (deferred.Count > 0)
        {
            // Posted what could be; the rest waits with its attempts intact, and the run reports the failure.
            await DeferAsync(deferred, deferredCode!, cancellationToken);
            throw new SalesforceApiException($"Salesforce refused {deferred.Count} posts of the batch for the whole org ({deferredCode}).", null, deferredCode!, [], isTransient: true);
        }

        return (posted, failed, 0);
    }

    /// <summary>The post was not made for a reason that is not about the post: give the alerts back untouched.</summary>
    private async Task DeferAsync(List<Alert> alerts, string code, CancellationToken cancellationToken)
    {
        await store.ReleaseAsync(alerts.Select(a => a.Reference).ToList(), cluster.Value.Instance, CancellationToken.None); // also when stopping: never leave them "sending"
        AlertsLog.Deferred(logger, alerts.Count, code);
    }

    /// <summary>
    /// Looks up the unconfirmed alerts (and, on a database that has just learnt SfBridge's earlier posts, the alerts
    /// already among them) and adopts those whose reference is in a post: one FeedItem query per 200 cases, SfBridge's
    /// own posts only, compared by reference, never by date.
    /// </summary>
    private async Task<HashSet<string>> AdoptAlreadyPostedAsync(List<Alert> due, IReadOnlyDictionary<string, KnownPost> known, Func<Alert, bool> lookUp,
        CancellationToken cancellationToken)
    {
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in due.Where(a => known.ContainsKey(a.Reference)))
        {
            var post = known[alert.Reference];
            await store.MarkSentAsync(alert.Reference, post.FeedElementId, post.PostedAt, cancellationToken);
            AlertsLog.Adopted(logger, alert.Reference, post.FeedElementId);
            adopted.Add(alert.Reference);
        }

        var unconfirmed = due.Where(a => lookUp(a) && !adopted.Contains(a.Reference)).ToList();
        if (unconfirmed.Count == 0)
        {
            return adopted;
        }

        var self = (await tokens.GetTokenAsync(cancellationToken)).UserId;
        var byCase = unconfirmed.GroupBy(a => SalesforceId.To18(a.CaseId), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in byCase.Keys.Order(StringComparer.Ordinal).Chunk(CasesPerQuery))
        {
            var soql = self is null
                ? Soql.Create($"SELECT Id, ParentId, Body, CreatedDate FROM FeedItem WHERE ParentId IN {chunk} AND Type = {"TextPost"} ORDER BY CreatedDate DESC, Id DESC")
                : Soql.Create($"SELECT Id, ParentId, Body, CreatedDate FROM FeedItem WHERE ParentId IN {chunk} AND CreatedById = {self} AND Type = {"TextPost"} ORDER BY CreatedDate DESC, Id DESC");
            await foreach (var item in client.QueryAsync(soql, cancellationToken: cancellationToken))
            {
                if (item.Id is not { } id || item.GetString("ParentId") is not { } parent || !byCase.TryGetValue(SalesforceId.To18(parent), out var waiting))
                {
                    continue;
                }

                var body = item.GetString("Body") ?? "";
                foreach (var alert in waiting.Where(a => !adopted.Contains(a.Reference) && body.Contains(a.Reference, StringComparison.Ordinal)).ToList())
                {
                    await store.MarkSentAsync(alert.Reference, id, item.GetDateTime("CreatedDate") ?? time.GetUtcNow(), cancellationToken);
                    AlertsLog.Adopted(logger, alert.Reference, id);
                    adopted.Add(alert.Reference);
                }
            }
        }

        return adopted;
    }

    /// <summary>
    /// On a database that has never posted (new, or lost and recreated), reads SfBridge's own posts of the last
    /// <see cref="AlertsOptions.SeedLookback"/> once (one query, newest first, at most <see cref="AlertsOptions.SeedMaxPosts"/>)
    /// and keeps every reference they carry.
    /// </summary>
    private async Task SeedKnownPostsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await store.KnowsItsPostsAsync(cancellationToken))
        {
            var o = options.Value;
            var self = (await tokens.GetTokenAsync(cancellationToken)).UserId;
            var posts = new List<KnownPost>();
            if (self is not null)
            {
                var soql = Soql.Create(
                    $"SELECT Id, ParentId, Body, CreatedDate FROM FeedItem WHERE CreatedById = {self} AND CreatedDate >= {now - o.SeedLookback} ORDER BY CreatedDate DESC, Id DESC LIMIT {o.SeedMaxPosts}");
                await foreach (var item in client.QueryAsync(soql, cancellationToken: cancellationToken))
                {
                    foreach (System.Text.RegularExpressions.Match m in ReferencePattern().Matches(item.GetString("Body") ?? ""))
                    {
                        posts.Add(new KnownPost(m.Groups[1].Value, item.Id!, item.GetString("ParentId"), item.GetDateTime("CreatedDate") ?? now));
                    }
                }
            }

            await store.RecordKnownPostsAsync(posts, now, cancellationToken);
            AlertsLog.KnownPostsRead(logger, posts.Count, o.SeedLookback.TotalDays, self is not null);
        }
    }

    /// <summary>Of these alerts, the references found in SfBridge's earlier posts.</summary>
    private async Task<IReadOnlyDictionary<string, KnownPost>> KnownAsync(List<Alert> alerts, CancellationToken cancellationToken) =>
        alerts.Count == 0 ? new Dictionary<string, KnownPost>() : await store.KnownPostsAsync(alerts.Select(a => a.Reference).ToList(), cancellationToken);

    [System.Text.RegularExpressions.GeneratedRegex(@"\[(SFB-[A-Z0-9]{10})\]")]
    private static partial System.Text.RegularExpressions.Regex ReferencePattern();

    /// <summary>
    /// Salesforce turned the call away for reasons of the whole org or session, not of this post (API limit, expired
    /// session that renewal could not fix, rate limit, circuit open): nothing was posted, and no attempt is spent.
    /// </summary>
    private static bool NotMade(SalesforceApiException ex) => NotMade(ex.Status is { } s ? (int)s : 0, ex.ErrorCode);

    private static bool NotMade(int status, string code) =>
        status is 401 or 429 || OrgWideCodes.Contains(code);

    private static readonly HashSet<string> OrgWideCodes = new(StringComparer.Ordinal)
    {
        "REQUEST_LIMIT_EXCEEDED", "INVALID_SESSION_ID", "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "CIRCUIT_OPEN", "TXN_SECURITY_NO_ACCESS", "ORG_LOCKED",
        "API_FLOOR", // SfBridge's own pause at the API floor: thrown before the request is sent
    };

    /// <summary>Salesforce answered and refused (validation, access): the post was not made. 5xx and timeouts leave the outcome open.</summary>
    private static bool IsRefusal(SalesforceApiException ex) =>
        ex.Status is { } s && (int)s is >= 400 and < 500 && s != HttpStatusCode.RequestTimeout && s != HttpStatusCode.TooManyRequests;
}
