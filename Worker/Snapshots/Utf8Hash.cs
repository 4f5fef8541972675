namespace SfBridge.Snapshots;

/// <summary>
/// A hash of a property name's UTF-8 bytes from its length and three of its bytes: names are short and looked up or
/// compared many times a record, so a hash that reads every byte costs more than the rare collision it saves.
/// </summary>
internal static class Utf8Hash
{
    /// <summary>The same hash with ASCII letters folded to lower case: names that differ only in case hash alike.</summary>
    public static int OfIgnoringCase(ReadOnlySpan<byte> name) => name.Length switch
    {
        0 => 0,
        var n => (((n * 31) + Fold(name[0])) * 31 + Fold(name[n / 2])) * 31 + Fold(name[n > 3 ? n - 3 : n - 1]),
    };

    private static byte Fold(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    public static int Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        0 => 0,
        var n => (((n * 31) + name[0]) * 31 + name[n / 2]) * 31 + name[n > 3 ? n - 3 : n - 1],
    };
}
