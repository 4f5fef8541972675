namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// Field types and picklists of the emulated org, as describe reports them. Fields not listed here take their type
/// from Salesforce's naming conventions (Id, ...Id lookups, Is.../Has... checkboxes, ...Date datetimes) or, for fields
/// only seen in loaded records, from their JSON values.
/// </summary>
internal static partial class OrgSchema
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Case.CaseNumber"] = "string", ["Case.Subject"] = "string", ["Case.Description"] = "textarea", ["Case.Status"] = "picklist",
        ["Case.Priority"] = "picklist", ["Case.Origin"] = "picklist", ["Case.Type"] = "picklist", ["Case.Reason"] = "picklist",
        ["Case.SuppliedEmail"] = "email", ["Case.SuppliedPhone"] = "phone",
        ["Case.Numero_Pedido__c"] = "string", ["Case.Tipo_Midia__c"] = "picklist", ["Case.Nome_AR__c"] = "string",
        ["Case.Categoria_Escalonamento__c"] = "picklist", ["Case.Email_Cliente__c"] = "email", ["Case.Telefone_Cliente__c"] = "phone",
        ["Case.Endereco_Cliente__c"] = "textarea", ["Case.Caso_Critico__c"] = "boolean", ["Case.Comentarios_Internos__c"] = "textarea",
        ["Case.Solucao_Nivel_3__c"] = "textarea", ["Case.Validado_Gestor__c"] = "boolean", ["Case.Nivel_SLA__c"] = "picklist",
        ["Case.Ocorrencia__c"] = "picklist", ["Case.Detalhamento__c"] = "textarea", ["Case.Resolucao__c"] = "textarea",
        ["Case.Meio_Contato__c"] = "picklist", ["Case.Supervisor__c"] = "string", ["Case.Atendente_Executor__c"] = "string",
        ["Case.Aguardando__c"] = "picklist", ["Case.Retorno__c"] = "datetime", ["Case.Numero_Incidente__c"] = "string",
        ["Account.Cliente_Chave__c"] = "boolean", ["Account.Numero_Lojas__c"] = "double", ["Group.Type"] = "picklist",
        ["User.UserType"] = "picklist", ["Task.ActivityDate"] = "date", ["EmailMessage.Status"] = "picklist",
    };

    private static readonly Dictionary<string, string[]> Picklists = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Case.Status"] = ["Novo", "Em Atendimento", "Aguardando Cliente", "Aguardando N2", "Concluído III", "Fechado"],
        ["Case.Priority"] = ["Baixa", "Média", "Alta", "Urgente"],
        ["Case.Origin"] = ["Telefone", "E-mail", "WhatsApp", "Web"],
        ["Case.Nivel_SLA__c"] = ["IS", "Urgente", "2 Horas", "4 Horas", "24 Horas", "72 Horas", "10 Dias"],
        // The twelve situations of the GSO manual, worded as the manual writes them.
        ["Case.Categoria_Escalonamento__c"] =
        [
            "Atraso no envio da mídia (pedidos validados por videoconferência que contém mídia e a AR não fez o envio)",
            "Liberação de pedido - Aguardando Validação/Aguardando Preparação (cliente informa que já validou)",
            "Liberação de pedido - Aguardando Verificação (acima de 24 horas da validação)",
            "Não tem mídia disponível no ponto de atendimento",
            "Priorização de AC (Chamados de Alô Canais)",
            "Priorização de AP (Chamados de GSO/AR)",
            "Reclamação de má conduta do posto de atendimento (AR)",
            "Solicitação de validação por videoconferência (para produtos sem cartão/token) em casos de exceção para atendimento interno (AR Certisign)",
            "Não tem agenda disponível",
            "Não existe ponto físico de atendimento",
            "Não compareceu na entrevista",
            "Escalonamento de casos Críticos – Ouvidoria, Corporativo",
        ],
    };

    /// <summary>Values no longer offered to agents, still on old records (the sample org's cases carry one).</summary>
    private static readonly Dictionary<string, string[]> InactivePicklistValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Case.Categoria_Escalonamento__c"] = ["Cancelamento de pedido"],
    };

    /// <summary>Lookups that can point at more than one object, by field.</summary>
    private static readonly Dictionary<string, string[]> PolymorphicTargets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OwnerId"] = ["Group", "User"], ["WhatId"] = ["Account", "Case"], ["WhoId"] = ["Contact", "Lead"],
        ["UserOrGroupId"] = ["Group", "User"], ["WorkItemId"] = ["Case"], ["FirstPublishLocationId"] = ["Case", "User"],
    };

    /// <summary>Fields no user can write: system audit fields, auto-numbers and formulas.</summary>
    private static readonly HashSet<string> SystemFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "CaseNumber", "IsClosed",
    };

    /// <summary>Salesforce's type for a field of the schema (null when neither listed nor named by convention).</summary>
    public static string? TypeOf(string objectName, string field)
    {
        if (Types.TryGetValue(objectName + "." + field, out var type))
        {
            return type;
        }

        return field switch
        {
            "Id" => "id",
            _ when field.EndsWith("Id", StringComparison.Ordinal) && field.Length > 2 => "reference",
            _ when (field.StartsWith("Is", StringComparison.Ordinal) || field.StartsWith("Has", StringComparison.Ordinal)) && field.Length > 3 && char.IsUpper(field[field.StartsWith("Is", StringComparison.Ordinal) ? 2 : 3]) => "boolean",
            _ when field.EndsWith("Date", StringComparison.Ordinal) || field.EndsWith("DateTime", StringComparison.Ordinal) || field == "SystemModstamp" => "datetime",
            _ when FieldsOf(objectName).Contains(field, StringComparer.OrdinalIgnoreCase) => "string",
            _ => null,
        };
    }

    /// <summary>The objects a lookup points at: known polymorphic ones, else the object its name says (AccountId: Account; ParentId: the same object).</summary>
    public static string[] ReferenceTo(string objectName, string field)
    {
        if (PolymorphicTargets.TryGetValue(field, out var targets))
        {
            return targets;
        }

        var target = field[..^2] switch
        {
            "CreatedBy" or "LastModifiedBy" or "Manager" or "User" or "PreferredUser" or "Actor" or "InsertedBy" => "User",
            "Parent" => objectName,
            "Group" or "Queue" or "OriginalGroup" or "OriginalQueue" => "Group",
            "ParentRole" or "UserRole" => "UserRole",
            var name => name,
        };
        return IsKnownObject(target) ? [target] : [];
    }

    public static bool IsSystemField(string field) => SystemFields.Contains(field);

    public static IReadOnlyList<(string Value, bool Active)> PicklistOf(string objectName, string field)
    {
        var key = objectName + "." + field;
        var active = Picklists.TryGetValue(key, out var values) ? values.Select(v => (v, true)) : [];
        var inactive = InactivePicklistValues.TryGetValue(key, out var old) ? old.Select(v => (v, false)) : [];
        return active.Concat(inactive).ToList();
    }
}
