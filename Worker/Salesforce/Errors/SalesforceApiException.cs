using System.Net;

namespace SfBridge.Salesforce;

/// <summary>
/// A Salesforce call that failed. <see cref="IsTransient"/> says whether the same call can succeed later
/// (lock contention, unavailability, timeouts); the message carries the method, path and Salesforce's own
/// error text, never the query string, headers or tokens.
/// </summary>
public class SalesforceApiException : Exception
{
    public SalesforceApiException(string message, HttpStatusCode? status, string errorCode,
        IReadOnlyList<SalesforceError> errors, bool isTransient, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
        Errors = errors;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status, or null when no response arrived (timeout, broken circuit, network).</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>First Salesforce error code, or a SfBridge code such as TIMEOUT, CIRCUIT_OPEN, MALFORMED_RESPONSE.</summary>
    public string ErrorCode { get; }

    public IReadOnlyList<SalesforceError> Errors { get; }

    public bool IsTransient { get; }

    /// <summary>Delay Salesforce asked for (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Fields Salesforce named in its errors.</summary>
    public IReadOnlyList<string> Fields => Errors.SelectMany(e => e.Fields ?? []).Distinct().ToList();
}
