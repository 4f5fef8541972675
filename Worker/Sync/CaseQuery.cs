using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Sync;

/// <summary>
/// The one SOQL statement that brings changed cases with everything the rules read: standard fields, the mapped
/// custom fields, and comments, e-mails, tasks (logged calls), attachment links and the history of status, owner and
/// the awaiting field as child subqueries.
/// </summary>
public static class CaseQuery
{
    /// <summary>The standard Case fields every case query selects (the mapped fields follow them).</summary>
    internal static readonly IReadOnlyList<string> Standard =
    [
        "Id", "CaseNumber", "Subject", "Description", "Status", "Priority", "Origin", "Type", "OwnerId", "Owner.Name",
        "RecordType.DeveloperName", "CreatedDate", "ClosedDate", "IsClosed", "IsDeleted", "SystemModstamp", "AccountId", "CreatedById", "ParentId",
    ];

    // SystemModstamp of comments, e-mails and tasks: those the case query brings are recorded as seen, so the next
    // child-change read does not fetch their case again.
    // Comment and e-mail authors are read by id: the author's user type is known from the synced internal users
    // (CreatedBy inside these subqueries is the polymorphic Name object, which has no UserType).
    // Deleted ones are left out: read through queryAll (every run after the backfill, and every read again), a case's
    // subqueries bring its deleted comments, e-mails and tasks too, and a reply deleted from the case is no reply.
    private const string Children =
        "(SELECT Id, CommentBody, IsPublished, CreatedDate, CreatedById, SystemModstamp FROM CaseComments WHERE IsDeleted = false ORDER BY CreatedDate), " +
        "(SELECT Id, Incoming, Status, HasAttachment, MessageDate, Subject, FromAddress, ToAddress, CcAddress, TextBody, CreatedById, SystemModstamp FROM EmailMessages WHERE IsDeleted = false), " +
        "(SELECT Id, TaskSubtype, Status, IsClosed, CompletedDateTime, CreatedDate, CreatedById, OwnerId, SystemModstamp FROM Tasks WHERE IsDeleted = false), " +
        "(SELECT Id FROM ContentDocumentLinks), ";

    /// <summary>First run: every open case. Later runs: everything changed since the watermark minus the overlap (queryAll, so deletions show).</summary>
    public static Soql Build(Policy policy, DateTimeOffset? since)
    {
        var filter = since is { } s ? Soql.Create($" WHERE SystemModstamp > {s}") : Soql.Create($" WHERE IsClosed = {false}");
        return Soql.Trusted(Select(policy) + filter.Text + " ORDER BY SystemModstamp, Id");
    }

    /// <summary>The same cases by id: those whose comments, e-mails, tasks or files changed without the case itself changing.</summary>
    public static Soql ById(Policy policy, IReadOnlyCollection<string> ids) =>
        Soql.Trusted(Select(policy) + Soql.Create($" WHERE Id IN {ids}").Text + " ORDER BY Id");

    private static string Select(Policy policy)
    {
        var fields = Standard.Concat(policy.Fields.Values).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(f => SoqlIdentifier.Parse(f).Name); // mapped names were validated at load; Parse re-checks before they enter SOQL
        // Owner changes come as two history rows (names, then ids); the rules read the id rows. The executor's history tells
        // PRO-03 who executed entries after the executor was handed back; the SLA tier's, PIT-01 when its deadline was made stricter.
        // Owner changes by assignment or escalation rules, and a user's taking a case from a queue, may come under special values.
        // The escalation category's tells GSO-05 the category a case was escalated under, when someone changed it since.
        var history = Soql.Create($"(SELECT Field, OldValue, NewValue, CreatedDate, CreatedById FROM Histories WHERE Field IN {new[] { "Status", "Owner", policy.Fields[Rules.LogicalField.Awaiting], policy.Fields[Rules.LogicalField.Executor], policy.Fields[Rules.LogicalField.SlaTier], policy.Fields[Rules.LogicalField.EscalationCategory] }.Concat(Snapshots.CaseReader.OwnerHistoryValues).ToArray()} ORDER BY CreatedDate, Id)");
        return "SELECT " + string.Join(", ", fields) + ", " + Children + history.Text + " FROM Case";
    }
}
