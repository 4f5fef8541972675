namespace SfBridge.Salesforce;

/// <summary>
/// The org refused to issue or accept a session: bad consumer key, user not pre-authorised, wrong audience, or a
/// session not valid for the REST API. Retrying the same credentials will not help. Never carries secrets.
/// </summary>
public sealed class SalesforceAuthException : SalesforceApiException
{
    public SalesforceAuthException(string message, System.Net.HttpStatusCode? status, string errorCode, string? description)
        : base(message, status, errorCode, [new SalesforceError { ErrorCode = errorCode, Message = description ?? "" }], isTransient: false)
    {
    }
}
