using System.Globalization;
using System.Text.Json.Nodes;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Sync;

/// <summary>
/// Seeds the Salesforce emulator the way an org holds its data, for tests that prove a rule on the path production
/// takes (sync into the state store, sweep, outbox, Chatter): cases with their comments, e-mails, calls, attachment
/// links and field history as their own records, and Omni-Channel rows.
/// </summary>
public sealed class ServicePath(SyncHarness h)
{
    /// <summary>Snapshot objects left out to start from the sample org's people, queues and accounts alone.</summary>
    public static readonly IReadOnlySet<string> OrgOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Case", "AgentWork", "PendingServiceRouting", "UserServicePresence",
    };

    /// <summary>Queue ids of the sample org.</summary>
    public static class Queues
    {
        public const string Eps = "00GSB00000000012AA";
        public const string Gso = "00GSB00000000022AA";
        public const string N1Rapida = "00GSB00000000032AA";
        public const string N1BlipMatriz = "00GSB00000000042AA";
        public const string N1Filiais = "00GSB00000000062AA";
        public const string Especialistas = "00GSB00000000072AA";
        public const string N2 = "00GSB00000000082AA";
        public const string SpecialService = "00GSB00000000092AA";
        public const string Cmc = "00GSB00000000102AA";
        public const string ApoioN1 = "00GSB00000000112AA";
    }

    private static int _number = 7000;

    public static string User(int n) => SalesforceId.To18("005SB0" + n.ToString("D9", CultureInfo.InvariantCulture));

    /// <summary>A local São Paulo instant (UTC-3 in March 2026).</summary>
    public static DateTimeOffset Local(int day, int hour, int minute = 0, int month = 3) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(-3));

    public static string Rest(DateTimeOffset at) => SalesforceDateTime.FormatRest(at);

    /// <summary>
    /// A GSO case in the Ouvidoria category without the critical mark (GSO-06), created at <paramref name="created"/> and
    /// routed from N1 Rápida to the Supervisor EPS queue five minutes later.
    /// </summary>
    public string CriticalAtEps(DateTimeOffset created)
    {
        var id = Case("GSO", created, c =>
        {
            c["OwnerId"] = Queues.Eps;
            c["Categoria_Escalonamento__c"] = "Escalonamento de casos Críticos - Ouvidoria, Corporativo";
            c["Caso_Critico__c"] = false;
        });
        OwnerChange(id, Queues.N1Rapida, Queues.Eps, created.AddMinutes(5), User(3));
        return id;
    }

    /// <summary>An open case of a record type created at <paramref name="created"/>; <paramref name="shape"/> sets the rest.</summary>
    public string Case(string recordType, DateTimeOffset created, Action<JsonObject>? shape = null)
    {
        var record = new JsonObject
        {
            ["CaseNumber"] = Interlocked.Increment(ref _number).ToString("D8", CultureInfo.InvariantCulture),
            ["Subject"] = "Caso de teste " + recordType,
            ["Status"] = "Em Atendimento",
            ["Priority"] = "Média",
            ["Origin"] = "Telefone",
            ["IsClosed"] = false,
            ["RecordType"] = new JsonObject { ["DeveloperName"] = recordType },
            ["CreatedDate"] = Rest(created),
            ["SystemModstamp"] = Rest(created),
            ["CreatedById"] = User(3),
            ["OwnerId"] = User(3),
        };
        shape?.Invoke(record);
        return h.Emulator.Org.Insert("Case", record);
    }

    /// <summary>A reply written under a Chatter post on the case's feed (what SfBridge reads for "ok" and "adiar").</summary>
    public ServicePath FeedReply(string caseId, string postId, string body, DateTimeOffset at, string byId)
    {
        h.Emulator.Org.Insert("FeedComment", new JsonObject
        {
            ["FeedItemId"] = postId, ["ParentId"] = caseId, ["CommentBody"] = body, ["CreatedById"] = byId, ["CreatedDate"] = Rest(at), ["CommentType"] = "TextComment",
        });
        return this;
    }

    public ServicePath Comment(string caseId, string body, bool published, DateTimeOffset at, string byId) =>
        Child("CaseComment", new JsonObject { ["ParentId"] = caseId, ["CommentBody"] = body, ["IsPublished"] = published, ["CreatedDate"] = Rest(at), ["CreatedById"] = byId });

    public ServicePath Email(string caseId, bool incoming, DateTimeOffset at, string toAddress, bool attachment = false, string? byId = null, string? body = null) =>
        Child("EmailMessage", new JsonObject
        {
            ["ParentId"] = caseId, ["Incoming"] = incoming, ["Status"] = incoming ? "0" : "3", ["MessageDate"] = Rest(at), ["ToAddress"] = toAddress,
            ["Subject"] = "Protocolo", ["TextBody"] = body ?? "Mensagem do protocolo.", ["HasAttachment"] = attachment, ["CreatedById"] = byId ?? User(10), ["CreatedDate"] = Rest(at),
        });

    /// <summary>A completed call made by <paramref name="byId"/> (the task's assignee), logged by <paramref name="loggedById"/> (a telephony integration) or by them.</summary>
    public ServicePath Call(string caseId, DateTimeOffset at, string byId, string? loggedById = null) =>
        Child("Task", new JsonObject
        {
            ["WhatId"] = caseId, ["TaskSubtype"] = "Call", ["CallType"] = "Outbound", ["Status"] = "Completed", ["IsClosed"] = true, ["CompletedDateTime"] = Rest(at),
            ["CreatedDate"] = Rest(at), ["CreatedById"] = loggedById ?? byId, ["OwnerId"] = byId,
        });

    /// <summary>A file uploaded to the case, as Salesforce stores it: a version first published on the case and the link to its document.</summary>
    public ServicePath Attachment(string caseId)
    {
        var document = "069SB" + Interlocked.Increment(ref _number).ToString("D10", CultureInfo.InvariantCulture);
        Child("ContentVersion", new JsonObject { ["ContentDocumentId"] = document, ["FirstPublishLocationId"] = caseId, ["Title"] = "evidencia.png", ["IsLatest"] = true });
        return Child("ContentDocumentLink", new JsonObject { ["LinkedEntityId"] = caseId, ["ContentDocumentId"] = document, ["ShareType"] = "V", ["Visibility"] = "AllUsers" });
    }

    /// <summary>An owner change as Salesforce records it: a row with the names and a row with the ids.</summary>
    public ServicePath OwnerChange(string caseId, string? from, string to, DateTimeOffset at, string byId)
    {
        OwnerChange(h, caseId, from, to, at, byId);
        return this;
    }

    /// <summary>
    /// A harness on the sample org's people (up to 20 alerts a post) and one GSO case ("Não tem agenda disponível", unless
    /// <paramref name="shape"/> says otherwise) the GSO queue holds, sent there by Marina Costa from Supervisor EPS an hour
    /// before the harness's start; nothing synced yet.
    /// </summary>
    public static async Task<(SyncHarness H, string Case)> EscalatedGsoCaseAsync(Action<JsonObject>? shape = null, string provider = "sqlite")
    {
        var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = Fixtures.RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Alerts:MaxPostsPerCase"] = "20" }, provider: provider);
        var id = h.Salesforce.SeedCases(1, (_, c) =>
        {
            c["RecordType"] = new JsonObject { ["DeveloperName"] = "GSO" };
            c["Categoria_Escalonamento__c"] = "Não tem agenda disponível";
            c["OwnerId"] = Queues.Gso;
            shape?.Invoke(c);
        })[0];
        OwnerChange(h, id, Queues.Eps, Queues.Gso, Salesforce.SalesforceHarness.Start.AddHours(-1), User(1));
        return (h, id);
    }

    public static void OwnerChange(SyncHarness h, string caseId, string? from, string to, DateTimeOffset at, string byId)
    {
        h.Emulator.Org.Insert("CaseHistory", new JsonObject
        {
            ["CaseId"] = caseId, ["Field"] = "Owner", ["DataType"] = "Text", ["OldValue"] = from is null ? null : "Fila anterior", ["NewValue"] = "Nova fila",
            ["CreatedDate"] = Rest(at), ["CreatedById"] = byId,
        });
        h.Emulator.Org.Insert("CaseHistory", new JsonObject
        {
            ["CaseId"] = caseId, ["Field"] = "Owner", ["DataType"] = "EntityId", ["OldValue"] = from, ["NewValue"] = to, ["CreatedDate"] = Rest(at), ["CreatedById"] = byId,
        });
    }

    public ServicePath FieldChange(string caseId, string field, string? from, string? to, DateTimeOffset at, string byId) =>
        Child("CaseHistory", new JsonObject
        {
            ["CaseId"] = caseId, ["Field"] = field, ["DataType"] = "DynamicEnum", ["OldValue"] = from, ["NewValue"] = to, ["CreatedDate"] = Rest(at), ["CreatedById"] = byId,
        });

    public ServicePath AgentWork(string caseId, string queueId, string userId, string status, DateTimeOffset requested, DateTimeOffset? accepted = null) =>
        Child("AgentWork", new JsonObject
        {
            ["WorkItemId"] = caseId, ["OriginalGroupId"] = queueId, ["UserId"] = userId, ["Status"] = status, ["RequestDateTime"] = Rest(requested),
            ["AcceptDateTime"] = accepted is { } a ? Rest(a) : null, ["SystemModstamp"] = Rest(accepted ?? requested), ["CreatedDate"] = Rest(requested),
        });

    /// <summary>
    /// An agent accepts the case's work from a queue in Omni-Channel, as Omni-Channel records it: the pending routing is
    /// deleted, the AgentWork row says when it was offered and accepted, and the case becomes the agent's (no owner history).
    /// </summary>
    public ServicePath Accepted(string caseId, string queueId, string userId, DateTimeOffset offered, DateTimeOffset accepted)
    {
        var pending = h.Emulator.Org.Read(v => v.Records("PendingServiceRouting")).Single(p => p["WorkItemId"]!.GetValue<string>() == caseId)["Id"]!.GetValue<string>();
        h.Emulator.Org.Delete(pending);
        AgentWork(caseId, queueId, userId, "Opened", offered, accepted);
        Update(caseId, new JsonObject { ["OwnerId"] = userId });
        return this;
    }

    public ServicePath Pending(string caseId, string queueId, DateTimeOffset created) =>
        Child("PendingServiceRouting", new JsonObject { ["WorkItemId"] = caseId, ["GroupId"] = queueId, ["QueueId"] = queueId, ["CreatedDate"] = Rest(created), ["IsPushed"] = false });

    public ServicePath Presence(string userId, string statusId, DateTimeOffset since, bool away = false) =>
        Child("UserServicePresence", new JsonObject
        {
            ["UserId"] = userId, ["ServicePresenceStatusId"] = statusId, ["StatusStartDate"] = Rest(since), ["IsCurrentState"] = true, ["IsAway"] = away,
        });

    /// <summary>Sets fields on a case as a save in the org would (SystemModstamp moves to the emulator's now).</summary>
    public void Update(string caseId, JsonObject fields) => h.Emulator.Org.Update(caseId, fields);

    /// <summary>Inserts a related record now (its SystemModstamp is the emulator's clock, whatever its CreatedDate says).</summary>
    private ServicePath Child(string objectName, JsonObject record)
    {
        if (!record.ContainsKey("SystemModstamp"))
        {
            record["SystemModstamp"] = Rest(h.Salesforce.Time.GetUtcNow());
        }

        h.Emulator.Org.Insert(objectName, record);
        return this;
    }
}
