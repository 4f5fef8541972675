namespace SfBridge.Tests.Fixtures;

/// <summary>A fact about judging on several cores; on a one-core machine the test is skipped and says so.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MultiCoreFactAttribute : FactAttribute
{
    public MultiCoreFactAttribute()
    {
        if (Environment.ProcessorCount < 2)
        {
            Skip = "this machine has one core: a batch is judged on the calling thread";
        }
    }
}
