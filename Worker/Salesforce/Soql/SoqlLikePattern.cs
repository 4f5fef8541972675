namespace SfBridge.Salesforce;

/// <summary>A LIKE pattern whose user text has <c>%</c> and <c>_</c> escaped, so only our wildcards match.</summary>
public readonly record struct SoqlLikePattern(string Pattern)
{
    public static SoqlLikePattern Contains(string text) => new("%" + EscapeWildcards(text) + "%");

    public static SoqlLikePattern StartsWith(string text) => new(EscapeWildcards(text) + "%");

    private static string EscapeWildcards(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
