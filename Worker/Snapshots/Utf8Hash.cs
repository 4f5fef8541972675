namespace SfBridge.Snapshots;

/// <summary>
/// A hash of a property name's UTF-8 bytes from its length and three of its bytes: names are short and looked up or
/// compared many times a record, so a hash that reads every byte costs more than the rare collision it saves.
/// </summary>
internal static class Utf8Hash
{
    public static int Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        0 => 0,
        var n => (((n * 31) + name[0]) * 31 + name[n / 2]) * 31 + name[n > 3 ? n - 3 : n - 1],
    };
}
