namespace SfBridge.Mappings.Org;

/// <summary>A Group the mappings may name: a queue (Type Queue) or a public group (Type Regular).</summary>
public sealed record OrgGroup(string Id, string DeveloperName, string Type);
