namespace SfBridge.Salesforce;

/// <summary>
/// How one HTTP attempt to an external system ended: its status code, <c>unreachable</c> (no connection) or
/// <c>cancelled</c> (cut short by the attempt timeout or a stop).
/// </summary>
public sealed record CallOutcome(DateTimeOffset At, string Endpoint, string Status)
{
    public const string Unreachable = "unreachable";
    public const string Cancelled = "cancelled";

    /// <summary>The system answered and was not unavailable (no 5xx, no 429): the call reached a working service.</summary>
    public bool Available => int.TryParse(Status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code < 500 && code != 429;

    /// <summary>Runs one attempt and reports how it ended; the attempt's own result or exception passes through unchanged.</summary>
    public static async Task<HttpResponseMessage> ObserveAsync(Func<Task<HttpResponseMessage>> send, Action<string> report)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException)
        {
            report(Unreachable);
            throw;
        }
        catch (OperationCanceledException)
        {
            report(Cancelled);
            throw;
        }

        report(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}
