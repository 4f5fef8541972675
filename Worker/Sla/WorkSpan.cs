namespace SfBridge.Sla;

/// <summary>Working time on one weekday, in local time; <see cref="End"/> may be 24:00.</summary>
public readonly record struct WorkSpan(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;
}
