namespace SfBridge.Rules;

/// <summary>Logical names of the org-specific fields the rules read (mapped to API names in mappings/fields.csv).</summary>
public static class LogicalField
{
    public const string OrderNumber = "order_number";
    public const string MediaType = "media_type";
    public const string ArName = "ar_name";
    public const string EscalationCategory = "escalation_category";
    public const string CustomerEmail = "customer_email";
    public const string CustomerPhone = "customer_phone";
    public const string CustomerAddress = "customer_address";
    public const string CriticalMark = "critical_mark";
    public const string CustomerName = "customer_name";
    public const string Level3Solution = "level3_solution";
    public const string ManagerValidation = "manager_validation";
    public const string SlaTier = "sla_tier";
    public const string Occurrence = "occurrence";
    public const string Detail = "detail";
    public const string Resolution = "resolution";
    public const string ContactChannel = "contact_channel";
    public const string Supervisor = "supervisor";
    public const string Executor = "executor";
    public const string Awaiting = "awaiting";
    public const string Return = "return";
    public const string IncidentNumber = "incident_number";
    public const string KeyAccountFlag = "key_account_flag";
    public const string StoreCount = "store_count";

    /// <summary>Every logical case field with its default API name (fields of a parent object as Parent.Field).</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OrderNumber] = "Numero_Pedido__c",
        [MediaType] = "Tipo_Midia__c",
        [ArName] = "Nome_AR__c",
        [EscalationCategory] = "Categoria_Escalonamento__c",
        [CustomerEmail] = "Email_Cliente__c",
        [CustomerPhone] = "Telefone_Cliente__c",
        [CustomerAddress] = "Endereco_Cliente__c",
        [CriticalMark] = "Caso_Critico__c",
        [CustomerName] = "Contact.Name",
        [Level3Solution] = "Solucao_Nivel_3__c",
        [ManagerValidation] = "Validado_Gestor__c",
        [SlaTier] = "Nivel_SLA__c",
        [Occurrence] = "Ocorrencia__c",
        [Detail] = "Detalhamento__c",
        [Resolution] = "Resolucao__c",
        [ContactChannel] = "Meio_Contato__c",
        [Supervisor] = "Supervisor__c",
        [Executor] = "Atendente_Executor__c",
        [Awaiting] = "Aguardando__c",
        [Return] = "Retorno__c",
        [IncidentNumber] = "Numero_Incidente__c",
        [KeyAccountFlag] = "Account.Cliente_Chave__c",
        [StoreCount] = "Account.Numero_Lojas__c",
    };
}
