namespace SfBridge.Tests.Emulators.Salesforce.Soql;

/// <summary>A query the emulator rejects; rendered as Salesforce's error array.</summary>
internal sealed class SoqlException(string message, string errorCode = "MALFORMED_QUERY") : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
