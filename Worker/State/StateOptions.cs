namespace SfBridge.State;

/// <summary>
/// Where SfBridge keeps watermarks, tracked cases, the findings ledger and the alert outbox. JSON shape:
/// <code>"State": { "Provider": "sqlite", "ConnectionString": "Data Source=/var/lib/sfbridge/sfbridge.db" }</code>
/// </summary>
public sealed class StateOptions
{
    public const string SectionName = "State";

    /// <summary><c>sqlite</c> (default, one node) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>ADO.NET connection string. Default for sqlite: <see cref="SqliteStateStore.DefaultPath"/>; required for postgres. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long the record of each job run (the <c>runs</c> table) is kept. Default 30 days.</summary>
    public TimeSpan RunsRetention { get; set; } = TimeSpan.FromDays(30);
}
