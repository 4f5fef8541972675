using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// At the start of each working day of a team's calendar (summaries.csv), one post in the team's Chatter group
/// listing the open breaches and warnings of its packs, by pack, oldest first (texts: templates summary and
/// summary-item). It goes through the outbox like every alert (keyed by team and local date), so it is posted once
/// per day, even after a restart, and is adopted after a crash. A day with nothing open at its first look gets no post
/// (a breach later that day is not announced as the morning's); a day the worker starts late still gets its summary
/// while the team's calendar is open.
/// </summary>
public sealed class MorningSummary(IAlertStore store, IStateStore state, Sync.SweepMemory sweeps, PolicyProvider policy, TimeProvider time)
{
    /// <summary>Lines a summary lists at most; the opening gives the full count.</summary>
    private const int MaxLines = 60;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var current = policy.Current;
        var now = time.GetUtcNow();
        var queued = 0;
        bool? swept = null; // read once, when a team's hours are open
        foreach (var team in current.Summaries)
        {
            var calendar = current.Calendar(team.Calendar);
            if (!calendar.IsOpen(now) || !(swept ??= await sweeps.IsCurrentAsync(state, cancellationToken)))
            {
                // Off the team's hours; or the findings are not yet those of now: restarted at the opening, the process has not
                // swept since a case sync, and would list a breach answered overnight as open, or none that came due.
                continue;
            }

            var day = calendar.LocalDate(now);
            // The day's look, recorded per team: once taken (posted, or nothing open then), the day has had its summary.
            var looked = $"summary-looked|{team.GroupId}|{team.Team}";
            if (await state.GetWatermarkAsync(looked, cancellationToken) is { } lookedAt && calendar.LocalDate(lookedAt) == day)
            {
                continue;
            }

            var (count, oldest) = await store.OpenFindingsOfPacksAsync(team.Packs, MaxLines, cancellationToken);
            if (count == 0)
            {
                await state.SetWatermarkAsync(looked, now, cancellationToken);
                continue;
            }

            // Two teams may share a Chatter group, and each gets its own summary: the team is in the key, but for the group's
            // first team, whose key stays the group's and the day's as it always was (a day's summary is never posted twice).
            var first = current.Summaries.First(t => string.Equals(t.GroupId, team.GroupId, StringComparison.OrdinalIgnoreCase));
            var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var key = ReferenceEquals(first, team) ? $"summary|{team.GroupId}|{date}" : $"summary|{team.GroupId}|{team.Team}|{date}";
            var (templateId, opening) = MessageComposer.Compose(new MessageFields("", null, "", null, "", "*", FindingKind.SlaBreach, key)
            {
                Count = count, Team = team.Team,
            }, current, now, null, TemplatePurpose.Summary);
            var lines = oldest.Select(f => MessageComposer.Compose(new MessageFields(f.CaseNumber, null, f.Detail, f.DueAt, f.Pack, f.RuleId, f.Kind, f.BreachKey),
                current, now, null, TemplatePurpose.SummaryItem).Message);
            var message = opening + string.Concat(lines.Select(l => "\n• " + l)) + (count > MaxLines ? "\n• …" : "");
            queued += await store.EnqueueAsync(
            [
                new Alert(Alert.ReferenceFor(key, 0), key, team.GroupId, "summary", 0, 1, AlertPurpose.Summary, AlertState.Pending, message, [], templateId, 0, now, null)
                {
                    Severity = Severity.Info, CaseNumber = team.Team,
                },
            ], cancellationToken);
            await state.SetWatermarkAsync(looked, now, cancellationToken);
        }

        return queued;
    }
}
