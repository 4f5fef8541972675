using System.Globalization;
using System.Text.Json.Nodes;

namespace SfBridge.Tests.Benchmarks;

/// <summary>The records <see cref="OrgGenerator"/> writes, built case by case from the sample org's shapes.</summary>
internal sealed class GeneratedOrg
{
    private readonly DateTimeOffset _now;
    private readonly SupportDeskText _text;
    private readonly Dictionary<string, string> _queues;
    private readonly Dictionary<string, string> _recordTypes;
    private readonly List<string> _presenceStatuses;
    private readonly Dictionary<string, List<JsonObject>> _templates;
    private readonly List<string> _caseFields;
    private readonly List<string> _accounts;
    private readonly List<string> _users = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private long _next;

    public GeneratedOrg(Random random, DateTimeOffset now, List<JsonObject> groups, List<JsonObject> recordTypes, List<JsonObject> statuses,
        List<JsonObject> sampleCases, List<JsonObject> accounts)
    {
        Random = random;
        _now = now;
        _text = new SupportDeskText(random);
        _queues = groups.Where(g => Str(g, "Type") == "Queue").ToDictionary(g => Str(g, "DeveloperName")!, g => Str(g, "Id")!, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            _names[Str(g, "Id")!] = Str(g, "Name")!;
        }

        _recordTypes = recordTypes.ToDictionary(r => Str(r, "DeveloperName")!, r => Str(r, "Id")!, StringComparer.Ordinal);
        _presenceStatuses = statuses.Select(s => Str(s, "Id")!).ToList();
        _templates = sampleCases.GroupBy(c => c["RecordType"]!["DeveloperName"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // Every field a sample case has (custom ones included), so each mapped field exists on every generated case.
        _caseFields = sampleCases.SelectMany(c => c.Select(p => p.Key))
            .Where(k => k is not ("attributes" or "Owner" or "RecordType") && sampleCases.All(c => c[k] is not JsonObject))
            .Distinct(StringComparer.Ordinal).ToList();
        _accounts = accounts.Select(a => Str(a, "Id")!).ToList();
    }

    public Random Random { get; }

    /// <summary>Records per object, in the order they are written.</summary>
    public Dictionary<string, List<JsonObject>> Objects { get; } = new(StringComparer.Ordinal)
    {
        ["User"] = [], ["GroupMember"] = [], ["UserServicePresence"] = [], ["Case"] = [], ["CaseComment"] = [], ["EmailMessage"] = [],
        ["Task"] = [], ["CaseHistory"] = [], ["AgentWork"] = [], ["PendingServiceRouting"] = [],
    };

    /// <summary>The sample org's users and memberships, plus <paramref name="extra"/> agents spread over the queues, each with a presence.</summary>
    public void AddPeople(List<JsonObject> users, List<JsonObject> members, int extra)
    {
        Objects["User"].AddRange(users);
        Objects["GroupMember"].AddRange(members);
        var manager = Str(users[^2], "Id");
        for (var k = 0; k < extra; k++)
        {
            var name = _text.Name();
            var email = _text.Email(name).Replace("@cliente.example", "@suporte.example", StringComparison.Ordinal);
            Objects["User"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("User", ++_next), ["Name"] = name, ["Username"] = email, ["Email"] = email, ["Title"] = "Analista de Suporte",
                ["IsActive"] = k % 13 != 12, ["ManagerId"] = manager, ["TimeZoneSidKey"] = "America/Sao_Paulo", ["UserType"] = "Standard",
            });
        }

        foreach (var user in Objects["User"])
        {
            var id = Str(user, "Id")!;
            _users.Add(id);
            _names[id] = Str(user, "Name")!;
        }

        foreach (var user in _users.Skip(users.Count))
        {
            foreach (var queue in _queues.Values.OrderBy(_ => Random.Next()).Take(Random.Next(1, 3)))
            {
                Objects["GroupMember"].Add(new JsonObject { ["Id"] = OrgGenerator.NewId("GroupMember", ++_next), ["GroupId"] = queue, ["UserOrGroupId"] = user });
            }
        }

        foreach (var user in _users.Where(_ => Random.NextDouble() < 0.6))
        {
            var status = _text.Pick(_presenceStatuses);
            Objects["UserServicePresence"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("UserServicePresence", ++_next), ["UserId"] = user, ["ServicePresenceStatusId"] = status,
                ["StatusStartDate"] = OrgGenerator.Format(_now - TimeSpan.FromMinutes(Random.Next(5, 600))), ["StatusEndDate"] = null,
                ["IsCurrentState"] = true, ["IsAway"] = status != _presenceStatuses[0],
            });
        }
    }

    public void AddCase(int index, string recordType)
    {
        var template = _text.Pick(_templates[recordType]);
        var open = _templates[recordType].Where(t => t["IsClosed"]?.GetValue<bool>() != true).ToList();
        var id = OrgGenerator.NewId("Case", index + 1);
        var number = (2_000_000 + index).ToString("D8", CultureInfo.InvariantCulture);
        var created = _now - Age();
        var lastTouch = created + ((_now - created) * Random.NextDouble() * 0.8);
        var inQueue = Random.NextDouble() < 0.45;
        var owner = inQueue ? _queues[OrgGenerator.PackQueue(Random, recordType)] : _text.Pick(_users);
        var author = _text.Pick(_users);
        var status = inQueue && Random.NextDouble() < 0.7 ? "Novo" : Str(_text.Pick(open), "Status")!;

        var record = new JsonObject();
        foreach (var field in _caseFields)
        {
            record[field] = null;
        }

        foreach (var (field, _) in template.Where(p => p.Key.EndsWith("__c", StringComparison.Ordinal)))
        {
            record[field] = _text.Pick(_templates[recordType]).TryGetPropertyValue(field, out var v) ? v?.DeepClone() : null; // values seen in this pack
        }

        var customer = _text.Name();
        var reference = recordType == "Faturamento" ? "INC" + _text.Digits(7) : _text.Digits(8);
        Fill(record, template, recordType, reference, customer);
        record["Id"] = id;
        record["CaseNumber"] = number;
        record["RecordTypeId"] = _recordTypes[recordType];
        record["Subject"] = _text.Subject(reference);
        record["Description"] = _text.Description();
        record["Status"] = status;
        record["Priority"] = template["Priority"]?.DeepClone();
        record["Origin"] = _text.Pick(_templates[recordType]).TryGetPropertyValue("Origin", out var origin) ? origin?.DeepClone() : "Telefone";
        record["OwnerId"] = owner;
        record["CreatedDate"] = OrgGenerator.Format(created);
        record["LastModifiedDate"] = OrgGenerator.Format(lastTouch);
        record["SystemModstamp"] = OrgGenerator.Format(lastTouch);
        record["IsClosed"] = false;
        record["IsEscalated"] = false;
        record["ClosedDate"] = null;
        record["AccountId"] = Random.NextDouble() < 0.05 ? _text.Pick(_accounts) : null;
        record["ContactId"] = null;
        record["CreatedById"] = author;
        record["ParentId"] = null;
        Objects["Case"].Add(record);
        AddChildren(id, recordType, number, created, lastTouch, owner, status, customer);
        AddRouting(id, recordType, created, owner, inQueue, status);
    }

    private void Fill(JsonObject record, JsonObject template, string recordType, string reference, string customer)
    {
        if (template.ContainsKey("Numero_Pedido__c")) record["Numero_Pedido__c"] = reference;
        if (template.ContainsKey("Numero_Incidente__c")) record["Numero_Incidente__c"] = reference;
        if (template.ContainsKey("Email_Cliente__c")) record["Email_Cliente__c"] = _text.Email(customer);
        if (template.ContainsKey("Telefone_Cliente__c")) record["Telefone_Cliente__c"] = _text.Phone();
        if (template.ContainsKey("Caso_Critico__c")) record["Caso_Critico__c"] = Random.NextDouble() < 0.01;
        if (recordType == "Protocolo")
        {
            record["Detalhamento__c"] = _text.Description();
            record["Atendente_Executor__c"] = Random.NextDouble() < 0.5 ? _names[_text.Pick(_users)] : null;
            record["Resolucao__c"] = null;
        }

        record["Solucao_Nivel_3__c"] = null;
        record["Comentarios_Internos__c"] = null;
    }

    /// <summary>Three weeks of backlog: 40% opened in the last two hours, 25% earlier that day, 20% in the days before, 15% up to three weeks old.</summary>
    private TimeSpan Age()
    {
        var roll = Random.NextDouble();
        var hours = roll switch
        {
            < 0.40 => Random.NextDouble() * 2,
            < 0.65 => 2 + (Random.NextDouble() * 22),
            < 0.85 => 24 + (Random.NextDouble() * 4 * 24),
            _ => (5 * 24) + (Random.NextDouble() * 16 * 24),
        };
        return TimeSpan.FromHours(hours);
    }

    private void AddChildren(string caseId, string recordType, string number, DateTimeOffset created, DateTimeOffset lastTouch, string owner, string status, string customer)
    {
        DateTimeOffset When() => created + ((lastTouch - created) * Random.NextDouble());
        var agent = owner.StartsWith("005", StringComparison.Ordinal) ? owner : _text.Pick(_users);
        var comments = recordType == "GSO" ? Random.Next(1, 5) : Random.Next(0, 3);
        for (var k = 0; k < comments; k++)
        {
            var at = When();
            Objects["CaseComment"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("CaseComment", ++_next), ["ParentId"] = caseId, ["CommentBody"] = _text.Comment(), ["IsPublished"] = Random.NextDouble() < 0.3,
                ["CreatedDate"] = OrgGenerator.Format(at), ["CreatedById"] = agent, ["SystemModstamp"] = OrgGenerator.Format(at),
            });
        }

        var emails = recordType is "SpecialService" or "Protocolo" ? Random.Next(0, 4) : Random.Next(0, 2);
        for (var k = 0; k < emails; k++)
        {
            var at = When();
            var incoming = k % 2 == 0;
            var address = _text.Email(customer);
            Objects["EmailMessage"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("EmailMessage", ++_next), ["ParentId"] = caseId, ["Incoming"] = incoming, ["Status"] = incoming ? "1" : "3",
                ["HasAttachment"] = Random.NextDouble() < 0.2, ["MessageDate"] = OrgGenerator.Format(at), ["Subject"] = _text.EmailSubject(number),
                ["FromAddress"] = incoming ? address : "suporte@suporte.example", ["ToAddress"] = incoming ? "suporte@suporte.example" : address, ["CcAddress"] = null,
                ["TextBody"] = _text.EmailBody(incoming ? customer : _names[agent]), ["CreatedById"] = agent, ["CreatedDate"] = OrgGenerator.Format(at),
                ["SystemModstamp"] = OrgGenerator.Format(at),
            });
        }

        for (var k = Random.Next(0, 3); k > 0; k--)
        {
            var at = When();
            Objects["Task"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("Task", ++_next), ["WhatId"] = caseId, ["Subject"] = _text.CallNote(), ["TaskSubtype"] = "Call", ["Status"] = "Completed",
                ["IsClosed"] = true, ["CompletedDateTime"] = OrgGenerator.Format(at), ["CreatedDate"] = OrgGenerator.Format(at), ["CreatedById"] = agent,
                ["OwnerId"] = agent, ["SystemModstamp"] = OrgGenerator.Format(at),
            });
        }

        if (status != "Novo")
        {
            AddHistory(caseId, "Status", "Text", "Novo", status, When(), agent);
        }

        if (owner.StartsWith("005", StringComparison.Ordinal))
        {
            var queue = _queues[OrgGenerator.PackQueue(Random, recordType)];
            var at = When();
            AddHistory(caseId, "Owner", "Text", _names[queue], _names[owner], at, agent);
            AddHistory(caseId, "Owner", "EntityId", queue, owner, at, agent);
        }
    }

    private void AddHistory(string caseId, string field, string type, string old, string value, DateTimeOffset at, string by) =>
        Objects["CaseHistory"].Add(new JsonObject
        {
            ["Id"] = OrgGenerator.NewId("CaseHistory", ++_next), ["CaseId"] = caseId, ["Field"] = field, ["DataType"] = type, ["OldValue"] = old,
            ["NewValue"] = value, ["CreatedDate"] = OrgGenerator.Format(at), ["CreatedById"] = by,
        });

    /// <summary>Queued new work waits in PendingServiceRouting; work a person owns has its AgentWork.</summary>
    private void AddRouting(string caseId, string recordType, DateTimeOffset created, string owner, bool inQueue, string status)
    {
        if (inQueue && status == "Novo" && Random.NextDouble() < 0.6)
        {
            Objects["PendingServiceRouting"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("PendingServiceRouting", ++_next), ["WorkItemId"] = caseId, ["GroupId"] = owner, ["QueueId"] = owner,
                ["RoutingType"] = "QueueBased", ["IsPushed"] = false, ["IsReadyForRouting"] = true, ["CreatedDate"] = OrgGenerator.Format(created.AddMinutes(1)),
                ["Serial"] = Objects["PendingServiceRouting"].Count + 1,
            });
        }
        else if (!inQueue && Random.NextDouble() < 0.5)
        {
            var requested = created.AddMinutes(Random.Next(1, 30));
            var accepted = requested.AddMinutes(Random.Next(1, 20));
            Objects["AgentWork"].Add(new JsonObject
            {
                ["Id"] = OrgGenerator.NewId("AgentWork", ++_next), ["WorkItemId"] = caseId, ["UserId"] = owner,
                ["OriginalGroupId"] = _queues[OrgGenerator.PackQueue(Random, recordType)], ["Status"] = "Opened", ["RequestDateTime"] = OrgGenerator.Format(requested),
                ["AssignedDateTime"] = OrgGenerator.Format(requested.AddSeconds(5)), ["AcceptDateTime"] = OrgGenerator.Format(accepted), ["DeclineDateTime"] = null,
                ["RoutingType"] = "QueueBased", ["CreatedDate"] = OrgGenerator.Format(requested), ["SystemModstamp"] = OrgGenerator.Format(accepted),
            });
        }
    }

    private static string? Str(JsonObject record, string field) => record[field]?.GetValue<string>();
}
