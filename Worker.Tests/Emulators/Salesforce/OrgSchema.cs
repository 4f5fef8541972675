namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// What the emulator knows of the org's metadata: key prefixes, standard fields per object (on top of any field
/// seen in loaded records), child relationships and polymorphic lookups.
/// </summary>
internal static partial class OrgSchema
{
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = "001", ["Case"] = "500", ["CaseComment"] = "00a", ["EmailMessage"] = "02s",
        ["ContentDocumentLink"] = "06A", ["ContentDocument"] = "069", ["User"] = "005", ["Group"] = "00G",
        ["GroupMember"] = "011", ["CollaborationGroup"] = "0F9", ["FeedItem"] = "0D5", ["AgentWork"] = "0Bz",
        ["PendingServiceRouting"] = "0JR", ["UserServicePresence"] = "0Hn", ["ServicePresenceStatus"] = "0N5",
        ["ServiceChannel"] = "0N9", ["RecordType"] = "012", ["CaseHistory"] = "017", ["BusinessHours"] = "01m",
        ["Holiday"] = "0C0", ["Contact"] = "003", ["CaseMilestone"] = "555", ["Task"] = "00T", ["UserRole"] = "00E",
        ["MessagingSession"] = "0Mw", ["ConversationEntry"] = "0XZ", ["ContentVersion"] = "068", ["FeedComment"] = "0D7",
    };

    private static readonly string[] Common = ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"];

    public static readonly IReadOnlyDictionary<string, string[]> StandardFields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Case"] =
        [
            "CaseNumber", "Subject", "Description", "Status", "Priority", "Origin", "Type", "Reason", "OwnerId", "ClosedDate",
            "IsClosed", "IsEscalated", "AccountId", "ContactId", "ParentId", "RecordTypeId", "BusinessHoursId", "SuppliedEmail",
            "SuppliedName", "SuppliedPhone", "Numero_Pedido__c", "Tipo_Midia__c", "Nome_AR__c", "Categoria_Escalonamento__c",
            "Email_Cliente__c", "Telefone_Cliente__c", "Endereco_Cliente__c", "Caso_Critico__c", "Comentarios_Internos__c",
            "Solucao_Nivel_3__c", "Validado_Gestor__c", "Nivel_SLA__c", "Ocorrencia__c", "Detalhamento__c", "Resolucao__c",
            "Meio_Contato__c", "Supervisor__c", "Atendente_Executor__c", "Aguardando__c", "Retorno__c", "Numero_Incidente__c",
        ],
        ["CaseComment"] = ["ParentId", "CommentBody", "IsPublished", "IsNotificationSelected"],
        ["EmailMessage"] = ["ParentId", "Incoming", "FromAddress", "FromName", "ToAddress", "CcAddress", "Subject", "TextBody", "HtmlBody", "MessageDate", "HasAttachment", "Status"],
        ["ContentDocumentLink"] = ["LinkedEntityId", "ContentDocumentId", "ShareType", "Visibility"],
        ["ContentVersion"] = ["ContentDocumentId", "FirstPublishLocationId", "Title", "PathOnClient", "VersionNumber", "IsLatest"],
        ["CaseHistory"] = ["CaseId", "Field", "DataType", "OldValue", "NewValue"],
        ["User"] = ["Name", "FirstName", "LastName", "Username", "Email", "Alias", "IsActive", "ManagerId", "UserRoleId", "UserType", "TimeZoneSidKey"],
        ["UserRole"] = ["Name", "DeveloperName", "ParentRoleId", "RollupDescription", "PortalType"],
        ["Group"] = ["Name", "DeveloperName", "Type", "Email", "OwnerId", "QueueRoutingConfigId", "RelatedId"],
        ["Task"] =
        [
            "Subject", "WhatId", "WhoId", "OwnerId", "Status", "IsClosed", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallDisposition",
            "ActivityDate", "CompletedDateTime", "Description",
        ],
        ["MessagingSession"] = ["CaseId", "Status", "StartTime", "EndTime", "AcceptTime", "ChannelType", "MessagingEndUserId", "ConversationId", "OwnerId", "Origin"],
        ["ConversationEntry"] = ["ConversationId", "ActorType", "ActorId", "ActorName", "EntryTime", "EntryType", "Message", "Seq"],
        ["GroupMember"] = ["GroupId", "UserOrGroupId"],
        ["CollaborationGroup"] = ["Name", "CollaborationType", "OwnerId"],
        ["Account"] = ["Name", "Cliente_Chave__c", "Numero_Lojas__c", "OwnerId"],
        ["RecordType"] = ["Name", "DeveloperName", "SobjectType", "IsActive"],
        ["AgentWork"] =
        [
            "WorkItemId", "UserId", "ServiceChannelId", "OriginalGroupId", "OriginalQueueId", "PendingServiceRoutingId", "OwnerId",
            "RequestDateTime", "AssignedDateTime", "AcceptDateTime", "DeclineDateTime", "CloseDateTime", "CancelDateTime",
            "PushTimeoutDateTime", "Status", "SpeedToAnswer", "HandleTime", "ActiveTime", "RoutingType", "RoutingModel", "RoutingPriority",
        ],
        ["PendingServiceRouting"] =
        [
            "WorkItemId", "GroupId", "QueueId", "ServiceChannelId", "RoutingType", "RoutingModel", "RoutingPriority", "IsPushed",
            "IsPushAttempted", "IsReadyForRouting", "IsTransfer", "PushTimeout", "PreferredUserId", "CustomRequestedDateTime", "Serial", "Name",
        ],
        ["UserServicePresence"] =
        [
            "UserId", "ServicePresenceStatusId", "StatusStartDate", "StatusEndDate", "StatusDuration", "IsCurrentState", "IsAway",
            "ConfiguredCapacity", "OwnerId", "Name",
        ],
        ["ServicePresenceStatus"] = ["DeveloperName", "MasterLabel", "Language"],
        ["FeedItem"] = ["ParentId", "Body", "IsRichText", "Type", "Title", "CommentCount", "LikeCount", "Status", "Visibility", "InsertedById"],
        ["FeedComment"] = ["FeedItemId", "ParentId", "CommentBody", "CommentType", "IsRichText", "Status", "InsertedById"],
        ["BusinessHours"] = ["Name", "IsActive", "IsDefault", "TimeZoneSidKey"],
        ["Contact"] = ["Name", "FirstName", "LastName", "Email", "Phone", "AccountId"],
    };

    /// <summary>(parent object, relationship name) -> (child object, foreign key on the child).</summary>
    public static readonly IReadOnlyDictionary<(string Parent, string Relationship), (string Child, string ForeignKey)> ChildRelationships =
        new Dictionary<(string, string), (string, string)>(new PairComparer())
        {
            [("Case", "CaseComments")] = ("CaseComment", "ParentId"),
            [("Case", "EmailMessages")] = ("EmailMessage", "ParentId"),
            [("Case", "ContentDocumentLinks")] = ("ContentDocumentLink", "LinkedEntityId"),
            [("Case", "Histories")] = ("CaseHistory", "CaseId"),
            [("Case", "Tasks")] = ("Task", "WhatId"),
            [("Case", "CaseMilestones")] = ("CaseMilestone", "CaseId"),
            [("Case", "Cases")] = ("Case", "ParentId"),
            [("Group", "GroupMembers")] = ("GroupMember", "GroupId"),
            [("Account", "Cases")] = ("Case", "AccountId"),
        };

    /// <summary>Lookups that can point at more than one object; Salesforce types them as the "Name" pseudo-object.</summary>
    public static readonly ISet<string> Polymorphic = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Owner", "WorkItem", "UserOrGroup", "Parent", "What", "Who", "FirstPublishLocation",
    };

    public static bool IsKnownObject(string name) => Prefixes.ContainsKey(name) || StandardFields.ContainsKey(name);

    public static IEnumerable<string> FieldsOf(string objectName) =>
        Common.Concat(StandardFields.TryGetValue(objectName, out var fields) ? fields : []);

    public static string? ObjectForId(string id)
    {
        var prefix = id.Length >= 3 ? id[..3] : "";
        return Prefixes.FirstOrDefault(p => p.Value == prefix).Key;
    }

    private sealed class PairComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
