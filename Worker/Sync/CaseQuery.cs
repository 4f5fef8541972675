using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Sync;

/// <summary>
/// The one SOQL statement that brings changed cases with everything the rules read: standard fields, the mapped
/// custom fields, and comments, e-mails, attachment links and status history as child subqueries.
/// </summary>
public static class CaseQuery
{
    private static readonly string[] Standard =
    [
        "Id", "CaseNumber", "Subject", "Description", "Status", "Priority", "Origin", "Type", "OwnerId", "Owner.Name",
        "RecordType.DeveloperName", "CreatedDate", "ClosedDate", "IsClosed", "IsDeleted", "SystemModstamp", "AccountId", "CreatedById", "ParentId",
    ];

    private const string Children =
        "(SELECT CommentBody, IsPublished, CreatedDate, CreatedById FROM CaseComments ORDER BY CreatedDate), " +
        "(SELECT Incoming, HasAttachment, MessageDate, Subject FROM EmailMessages), " +
        "(SELECT Id FROM ContentDocumentLinks), " +
        "(SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate)";

    /// <summary>First run: every open case. Later runs: everything changed since the watermark minus the overlap (queryAll, so deletions show).</summary>
    public static Soql Build(Policy policy, DateTimeOffset? since)
    {
        var fields = Standard.Concat(policy.Fields.Values).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(f => SoqlIdentifier.Parse(f).Name); // mapped names were validated at load; Parse re-checks before they enter SOQL
        var select = "SELECT " + string.Join(", ", fields) + ", " + Children + " FROM Case";
        var filter = since is { } s ? Soql.Create($" WHERE SystemModstamp > {s}") : Soql.Create($" WHERE IsClosed = {false}");
        return Soql.Trusted(select + filter.Text + " ORDER BY SystemModstamp, Id");
    }
}
