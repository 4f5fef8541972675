namespace SfBridge.Mappings;

/// <summary>Folder of the admin-tuned CSV files. JSON shape: <code>"Mappings": { "Path": "mappings" }</code></summary>
public sealed class MappingsOptions
{
    public const string SectionName = "Mappings";

    /// <summary>Folder holding the mapping CSV files, relative to the working directory. Default <c>mappings</c>.</summary>
    public string Path { get; set; } = "mappings";
}
