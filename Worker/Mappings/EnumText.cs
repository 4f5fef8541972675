namespace SfBridge.Mappings;

/// <summary>Enum values as admins write them in the mappings: by name only.</summary>
public static class EnumText
{
    /// <summary>
    /// A value of <typeparamref name="T"/> by its name, in any case; not a number ("7") nor names joined by commas ("quiet, wait"),
    /// which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> accepts.
    /// </summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(name);
                return true;
            }
        }

        value = default;
        return false;
    }
}
