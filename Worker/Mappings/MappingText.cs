using System.Buffers;
using System.Text;

namespace SfBridge.Mappings;

/// <summary>
/// Decodes a mapping file strictly: UTF-8 with or without its byte order mark, or UTF-16 after its byte order mark (as
/// the snapshot reader accepts). A file in another encoding (Excel's "CSV (Comma delimited)" writes Windows-1252) is
/// reported with the line and character of its first foreign byte and never loaded as mojibake: "Atenção" saved as
/// Windows-1252 would otherwise reach Chatter as "Aten��o".
/// </summary>
public static class MappingText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with the one problem that stops it from being read.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string fileName, out MappingError? error)
    {
        error = null;
        var utf16 = bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        if (!utf16 && bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            // UTF-16 without a byte order mark: a NUL beside every ASCII letter, which no text file of ours holds.
            error = new MappingError(fileName, bytes[..nul].Count((byte)'\n') + 1, 0, "",
                "holds NUL bytes: it looks like UTF-16 without a byte order mark; save the file as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\")");
            return null;
        }

        try
        {
            return bytes switch
            {
                [0xEF, 0xBB, 0xBF, ..] => StrictUtf8.GetString(bytes[3..]),
                [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes[2..]),
                [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes[2..]),
                _ => StrictUtf8.GetString(bytes),
            };
        }
        catch (DecoderFallbackException)
        {
            error = utf16
                ? new MappingError(fileName, 0, 0, "", "starts with a UTF-16 byte order mark but is not valid UTF-16; save the file as UTF-8")
                : Utf8Problem(bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes, fileName);
            return null;
        }
    }

    /// <summary>Where the first byte that is not UTF-8 sits: line, and character within the line (both 1-based).</summary>
    private static MappingError Utf8Problem(ReadOnlySpan<byte> bytes, string fileName)
    {
        var (line, column, offset) = (1, 1, 0);
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) == OperationStatus.InvalidData)
            {
                break;
            }

            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
            offset += consumed;
        }

        var b = offset < bytes.Length ? bytes[offset] : (byte)0;
        return new MappingError(fileName, line, column, "",
            $"is not UTF-8: byte 0x{b:X2}{Windows1252Hint(b)} cannot be read; save the file as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"), nothing of it was loaded");
    }

    /// <summary>What the byte means in Windows-1252, the encoding Excel and Notepad use for "ANSI" on Portuguese Windows.</summary>
    private static string Windows1252Hint(byte b)
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252);
        var text = windows1252?.GetString([b]);
        return text is { Length: 1 } && !char.IsControl(text[0]) ? $" ('{text}' in Windows-1252, as Excel saves \"CSV (Comma delimited)\")" : "";
    }
}
