using System.Text.RegularExpressions;

namespace SfBridge.Salesforce;

/// <summary>An object, field or relationship path such as <c>Owner.Name</c> or <c>Caso_Critico__c</c>; rendered unquoted.</summary>
public readonly partial record struct SoqlIdentifier
{
    private SoqlIdentifier(string name) => Name = name;

    public string Name { get; }

    public static SoqlIdentifier Parse(string name) =>
        TryParse(name, out var id) ? id : throw new ArgumentException($"'{name}' is not a Salesforce API name", nameof(name));

    public static bool TryParse(string? name, out SoqlIdentifier identifier)
    {
        identifier = default;
        if (name is null || name.Length > 255 || !Pattern().IsMatch(name))
        {
            return false;
        }

        identifier = new SoqlIdentifier(name);
        return true;
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
