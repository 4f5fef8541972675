namespace SfBridge.Tests.Emulators.Salesforce;

public enum FaultKind
{
    /// <summary>503 SERVER_UNAVAILABLE with an optional Retry-After.</summary>
    ServiceUnavailable,

    /// <summary>400 UNABLE_TO_LOCK_ROW.</summary>
    UnableToLockRow,

    /// <summary>403 REQUEST_LIMIT_EXCEEDED.</summary>
    RequestLimitExceeded,

    /// <summary>401 INVALID_SESSION_ID (the session expired).</summary>
    SessionExpired,

    /// <summary>200 with a body cut off in the middle of the JSON.</summary>
    MalformedJson,

    /// <summary>The response waits <see cref="Fault.Delay"/> on the emulator's clock (forever when null) or until the client gives up.</summary>
    Slow,

    /// <summary>502 with an HTML body, as a gateway sends.</summary>
    HtmlGatewayError,

    /// <summary>The request is carried out, then answered 503: the client cannot tell that it took effect.</summary>
    ResponseLost,

    /// <summary>
    /// Answered 503 at once, while Salesforce goes on and completes the request <see cref="Fault.Delay"/> later on the
    /// emulator's clock (a Chatter post appears in the feed only then), as a request the client gave up on can.
    /// </summary>
    LateCompletion,

    /// <summary>
    /// The request is served, and its body reaches the client changed by <see cref="Fault.Edit"/>: bytes Salesforce can
    /// send but the emulator's own records cannot hold (an escaped half of a surrogate pair).
    /// </summary>
    BodyEdited,
}

/// <summary>A fault to inject into the next <see cref="Times"/> requests whose endpoint matches.</summary>
public sealed record Fault(FaultKind Kind, string Endpoint, int Times = 1)
{
    public int? RetryAfterSeconds { get; init; }

    public TimeSpan? Delay { get; init; }

    /// <summary>For <see cref="FaultKind.BodyEdited"/>: the response body's text as the client receives it.</summary>
    public Func<string, string>? Edit { get; init; }

    /// <summary>Matching requests to let through untouched before the fault strikes (e.g. the third page).</summary>
    public int After { get; init; }
}
