namespace SfBridge.Tests.Fixtures;

/// <summary>A fact that needs a program on PATH; on a machine without it the test is skipped and says which.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        Tool = tool;
        if (ExternalTool.Find(tool) is null)
        {
            Skip = $"{tool} is not installed on this machine";
        }
    }

    public string Tool { get; }
}
