namespace SfBridge.Salesforce;

/// <summary>Per-query settings.</summary>
public sealed record QueryOptions
{
    /// <summary>Use <c>queryAll</c>: include soft-deleted (IsDeleted = true) and archived records.</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>Page size for Sforce-Query-Options (200..2000); default from <see cref="SalesforceOptions.QueryBatchSize"/>.</summary>
    public int? BatchSize { get; init; }
}
