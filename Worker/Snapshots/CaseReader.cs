using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>
/// Reads a Case record (with its CaseComments, EmailMessages, Tasks, ContentDocumentLinks and Histories subquery
/// results) into a <see cref="CaseSnapshot"/> through the field map. A record that cannot be judged (no id, no
/// creation date, a date that is not a date) is refused with the reason, so the caller can quarantine it.
/// </summary>
public static class CaseReader
{
    public static (CaseSnapshot? Case, string? Error) Read(SObjectRecord record, IReadOnlyDictionary<string, string> fields)
    {
        try
        {
            if (record.Id is not { } id || !SalesforceId.IsValid(id))
            {
                return (null, "Id is missing or not a Salesforce id");
            }

            if (record.GetDateTime("CreatedDate") is not { } created)
            {
                return (null, "CreatedDate is null");
            }

            var custom = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (logical, api) in fields)
            {
                custom[logical] = record.Has(api) ? record.GetString(api) : null;
            }

            return (new CaseSnapshot
            {
                Id = id,
                CaseNumber = record.GetString("CaseNumber") ?? id,
                Subject = record.GetString("Subject"),
                Description = record.GetString("Description"),
                Status = record.GetString("Status"),
                Priority = record.GetString("Priority"),
                Origin = record.GetString("Origin"),
                Type = record.GetString("Type"),
                OwnerId = record.GetString("OwnerId"),
                OwnerName = record.GetString("Owner.Name"),
                RecordType = record.GetString("RecordType.DeveloperName"),
                CreatedDate = created,
                ClosedDate = record.GetDateTime("ClosedDate"),
                IsClosed = record.GetBoolean("IsClosed") ?? false,
                SystemModstamp = record.GetDateTime("SystemModstamp"),
                AccountId = record.GetString("AccountId"),
                CreatedById = record.GetString("CreatedById"),
                ParentId = record.GetString("ParentId"),
                Fields = custom,
                Comments = record.Children("CaseComments")
                    .Select(c => new CaseComment(c.GetString("CommentBody"), c.GetBoolean("IsPublished") ?? false, c.GetDateTime("CreatedDate") ?? created, c.GetString("CreatedById"))
                    {
                        AuthorType = c.GetString("CreatedBy.UserType"),
                    })
                    .OrderBy(c => c.CreatedDate).ToList(),
                Emails = record.Children("EmailMessages")
                    .Select(e => new CaseEmail(e.GetBoolean("Incoming") ?? false, e.GetBoolean("HasAttachment") ?? false, e.GetDateTime("MessageDate"), e.GetString("Subject"))
                    {
                        Status = e.GetString("Status"),
                        FromAddress = e.GetString("FromAddress"),
                        ToAddress = e.GetString("ToAddress"),
                        CcAddress = e.GetString("CcAddress"),
                        Body = e.GetString("TextBody"),
                        CreatedById = e.GetString("CreatedById"),
                    })
                    .ToList(),
                Tasks = record.Children("Tasks")
                    .Select(t => new CaseTask(t.GetString("TaskSubtype"), t.GetBoolean("IsClosed") ?? false,
                        t.GetDateTime("CompletedDateTime") ?? t.GetDateTime("CreatedDate") ?? created, CallAuthor(t)))
                    .OrderBy(t => t.At).ToList(),
                AttachmentCount = record.Children("ContentDocumentLinks").Count,
                History = record.Children("Histories")
                    .Where(h => h.GetString("Field") is not null && h.GetDateTime("CreatedDate") is not null)
                    .Select(h => new FieldChange(h.GetString("Field")!, h.GetString("OldValue"), h.GetString("NewValue"), h.GetDateTime("CreatedDate")!.Value, h.GetString("CreatedById")))
                    .OrderBy(h => h.At).ToList(),
            }, null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// Who made a logged call: the task's assignee (OwnerId), since telephony integrations create the task under their
    /// own user; the creator when the task is not assigned to a user.
    /// </summary>
    private static string? CallAuthor(SObjectRecord task) =>
        task.GetString("OwnerId") is { } owner && Salesforce.SalesforceId.HasPrefix(owner, Salesforce.SalesforceId.UserPrefix) ? owner : task.GetString("CreatedById");
}
