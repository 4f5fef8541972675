using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-04: each transfer to N2 or development (a status or awaiting change) has its own "data / motivo /
/// departamento ou pessoa" record, written at that transfer: a comment written within
/// protocol.transfer_record_window of it (a comment is the record of the nearest transfer only), or a resolution entry (a line, or a " / " segment
/// before a keyword) dated that day. Without history (a protocol opened already sent has no row for it), the current transfer needs at least one record, owed from the window after the opening. The agent who made the transfer is told
/// first. Judged again when the protocol closes: a transfer whose window was still open then is judged at the closing, as
/// nobody records a transfer of a protocol already closed.
/// </summary>
public sealed class TransferRecordRule : IRule
{
    public string Id => "PRO-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpenOrClosedBySalesforce())
        {
            return;
        }

        // Judged at its closing, a protocol had no transfer after it (a field filled in once closed is no forwarding).
        var history = ProtocolCase.Transfers(c);
        var transfers = history.Where(t => t.At <= c.Now).ToList();
        var comments = c.Activity.AgentComments;
        // The resolution's parts, cut only when a transfer asks for its record (most protocols were never transferred).
        List<string>? resolution = null;
        List<string> ResolutionLines() => resolution ??= ResolutionLog.Segments(c.Case.Field(LogicalField.Resolution)).ToList();
        var window = c.Settings.TransferRecordWindow;
        // At the closing every window ends: a protocol closed is not recorded afterwards.
        DateTimeOffset Ends(DateTimeOffset transfer) => c.Case.IsClosed && c.Now < transfer + window ? c.Now : transfer + window;
        if (history.Count == 0)
        {
            if (!ProtocolCase.IsTransferred(c))
            {
                c.NotApplicable("o protocolo não foi transferido ao N2 nem ao desenvolvimento");
            }
            else if (!comments.Any(i => TransferRecord.IsRecord(i.Text)) && !ResolutionLines().Any(TransferRecord.IsRecord))
            {
                // The history does not say when it was sent (a protocol opened already awaiting N2 has no row for it): no
                // earlier than its opening, so its record is owed no sooner than the window after the opening.
                var due = Ends(c.Case.CreatedDate);
                if (c.Now < due)
                {
                    c.Expect(due);
                    c.Waiting($"o registro da transferência ainda pode ser feito até {c.Local(due)}");
                }
                else
                {
                    c.Add(findings, Id, FindingKind.CommentIncomplete, "transferência sem o registro \"data / motivo / departamento ou pessoa\"",
                        ProtocolCase.OwnerAndSupervisor(c), "transfer", due);
                }
            }

            return;
        }

        var open = transfers.Where(t => c.Now < Ends(t.At)).Select(t => t.At).ToList();
        foreach (var pending in open)
        {
            c.Expect(pending + window); // judged once the window for its record has passed
        }

        // A transfer whose record may still come is what explain shows, even when an earlier one was recorded.
        if (open.Count > 0)
        {
            c.Waiting($"o registro da transferência de {c.Local(open[0])} ainda pode ser feito até {c.Local(open[0] + window)}");
        }

        // A record in a comment is the record of one transfer (N2 forwarding to development an hour after the case reached N2
        // writes a record of its own; the first one does not cover both). As many transfers as the records can cover are
        // covered (in time order, each record to the earliest open transfer within its window); among as many, each record
        // goes to the latest transfer before it: a lone record at 11:35 is the 11:30 transfer's, not the 10:00 one's.
        var records = comments.Where(i => TransferRecord.IsRecord(i.Text)).Select(i => i.At).Order().ToList();
        var earliest = Cover(transfers, records, window, latestBefore: false);
        var latest = Cover(transfers, records, window, latestBefore: true);
        var recordedTransfers = latest.Count >= earliest.Count ? latest : earliest;

        foreach (var (at, byId) in transfers.Where(t => c.Now >= Ends(t.At)))
        {
            var day = TimeZoneInfo.ConvertTime(at, c.Settings.TimeZone);
            var recorded = recordedTransfers.Contains(at) ||
                           ResolutionLines().Any(l => TransferRecord.IsRecord(l) && TransferRecord.DayMonth(l) == (day.Day, day.Month));
            if (!recorded)
            {
                c.Add(findings, Id, FindingKind.CommentIncomplete,
                    $"a transferência de {c.Local(at)} não tem o registro \"data / motivo / departamento ou pessoa\"", ProtocolCase.OwnerAndSupervisor(c, byId),
                    RuleContext.Instance(at), Ends(at));
            }
        }
    }

    /// <summary>The transfers the records cover, each record taken in time order to one transfer within its window that has none yet.</summary>
    private static HashSet<DateTimeOffset> Cover(IReadOnlyList<ProtocolCase.Transfer> transfers, List<DateTimeOffset> records, TimeSpan window, bool latestBefore)
    {
        var covered = new HashSet<DateTimeOffset>();
        foreach (var record in records)
        {
            var open = transfers.Where(t => !covered.Contains(t.At) && (t.At - record).Duration() <= window).Select(t => (DateTimeOffset?)t.At).ToList();
            var chosen = latestBefore ? open.Where(t => t <= record).Max() ?? open.Min() : open.Min();
            if (chosen is { } at)
            {
                covered.Add(at);
            }
        }

        return covered;
    }
}
