namespace SfBridge.Salesforce;

/// <summary>SfBridge refused to spend an API call because the org's remaining daily calls are under the configured floor.</summary>
public sealed class ApiBudgetPausedException : SalesforceApiException
{
    public ApiBudgetPausedException(ApiUsage usage, int floor, DateTimeOffset resumeAt)
        : base($"Salesforce calls paused: {usage.Remaining} daily API calls left, under the floor of {floor}; next probe at {resumeAt:O}",
            null, "API_FLOOR", [], isTransient: true, retryAfter: null)
    {
        Usage = usage;
        ResumeAt = resumeAt;
    }

    public ApiUsage Usage { get; }

    public DateTimeOffset ResumeAt { get; }
}
