namespace SfBridge.Salesforce;

/// <summary>A token request that failed: when, and its error code (invalid_grant, CONNECTION_FAILED…), never its text.</summary>
public sealed record TokenFailure(DateTimeOffset At, string ErrorCode);
