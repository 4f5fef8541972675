using System.Security.Cryptography;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>How an emulator instance behaves.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public string ApiVersion { get; init; } = "62.0";

    /// <summary>Folder in the audit snapshot format (one REST query result per object) loaded at start.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Objects of the snapshot not to load (e.g. Case, to start from the org's people and queues alone).</summary>
    public IReadOnlySet<string> SnapshotExclude { get; init; } = new HashSet<string>();

    /// <summary>Public key that verifies JWT bearer assertions; without it the JWT flow is refused.</summary>
    public RSA? JwtPublicKey { get; init; }

    /// <summary>Consumer key the JWT <c>iss</c> must carry; null accepts any.</summary>
    public string? JwtClientId { get; init; }

    /// <summary>Usernames the JWT <c>sub</c> may name; empty accepts any.</summary>
    public IReadOnlySet<string> JwtUsernames { get; init; } = new HashSet<string>();

    /// <summary>Org-wide daily API allocation reported in Sforce-Limit-Info and /limits.</summary>
    public long DailyApiMax { get; init; } = 100_000;

    /// <summary>Calls already used today when the emulator starts.</summary>
    public long DailyApiUsed { get; init; }

    /// <summary>When set, pages never hold more records than this, whatever batch size the client asks for.</summary>
    public int? MaxPageSize { get; init; }

    /// <summary>Child subquery results larger than this are paged with their own nextRecordsUrl.</summary>
    public int ChildPageSize { get; init; } = 200;

    /// <summary>Owner an active case assignment rule would set on updates sent without <c>Sforce-Auto-Assign: FALSE</c>.</summary>
    public string? AssignmentRuleOwnerId { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Log each request to the console (standalone mode).</summary>
    public bool LogRequests { get; init; }
}
