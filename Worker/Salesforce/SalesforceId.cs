namespace SfBridge.Salesforce;

/// <summary>Salesforce record ids: 15 case-sensitive or 18 case-insensitive alphanumerics, first 3 = key prefix.</summary>
public static class SalesforceId
{
    public const string UserPrefix = "005";
    public const string CollaborationGroupPrefix = "0F9";
    public const string GroupPrefix = "00G";
    public const string CasePrefix = "500";

    private static readonly System.Buffers.SearchValues<char> Alphanumerics =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsValid(string? id) =>
        id is { Length: 15 or 18 } && !id.AsSpan().ContainsAnyExcept(Alphanumerics);

    public static bool HasPrefix(string? id, string prefix) =>
        IsValid(id) && id!.StartsWith(prefix, StringComparison.Ordinal);

    public static string Require(string? id, string what) =>
        IsValid(id) ? id! : throw new ArgumentException($"{what} '{id}' is not a Salesforce id");

    /// <summary>The 18-character form: a 3-letter checksum over the case of the 15 characters.</summary>
    public static string To18(string id)
    {
        if (id.Length == 18)
        {
            return id;
        }

        Require(id, "Id");
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        Span<char> suffix = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = alphabet[bits];
        }

        return id + new string(suffix);
    }

    /// <summary>Compares ids as Salesforce does (18-char forms case-insensitively); anything that is not an id equals nothing.</summary>
    public static bool AreEqual(string? a, string? b) =>
        IsValid(a) && IsValid(b) &&
        (a!.Length == 18 && b!.Length == 18 ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            : string.Equals(To18(a), To18(b!), StringComparison.OrdinalIgnoreCase));
}
