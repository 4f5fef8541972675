using System.Numerics;
using System.Text;
using System.Text.Json;

namespace SfBridge.Snapshots;

/// <summary>
/// The tokens of one JSON value, read in a single pass of a <see cref="Utf8JsonReader"/>: each token is a row giving its
/// kind and where its bytes lie in the text it was read from, and each object or array where it ends, so a record is
/// walked, and its values made strings, without a second pass to find its end nor a copy of its bytes. The rows point
/// into that text: they are valid while it is (a query result's window holds one record at a time). One tape is
/// reused for record after record.
/// </summary>
public sealed class JsonTape
{
    private Row[] _rows = new Row[512];
    private int _count;
    private ReadOnlyMemory<byte> _text;
    private int _start;
    private int _length;

    // For the check that no object names a property twice: the open objects' name lists and their 256-bit filters.
    private Name[] _names = new Name[256];
    private int[] _scopeNames = new int[16];
    private ulong[] _filters = new ulong[16 * 4];
    private int[] _open = new int[16];
    private byte[] _unescaped = new byte[256];
    private int _unescapedUsed;

    private struct Row
    {
        public JsonTokenType Kind;
        public bool Escaped;
        public int Start;  // a string's or name's first byte after the quote; any other token's first byte
        public int Length; // the bytes of a value or name (without quotes); of an object or array, the whole of it
        public int Next;   // of an object or array: the row after its last one
    }

    private readonly record struct Name(int Hash, int Start, int Length, bool Unescaped);

    /// <summary>The value read last.</summary>
    public JsonTapeValue Root => new(this, 0);

    /// <summary>The text of the value read last, as it was written.</summary>
    public ReadOnlySpan<byte> RawText => _text.Span.Slice(_start, _length);

    /// <summary>
    /// Reads the value at the reader's current token (or the next one when it stands on none) from
    /// <paramref name="text"/>, the bytes the reader reads. False when the text ends first and the reader may be given more
    /// (it was made with <c>isFinalBlock: false</c>): the caller reads the value again, from its start, with more text.
    /// With <paramref name="uniqueNames"/>, the first name an object gives twice is in <paramref name="duplicate"/> (names are
    /// compared after their escapes are undone).
    /// </summary>
    public bool TryRead(ref Utf8JsonReader reader, ReadOnlyMemory<byte> text, bool uniqueNames, out string? duplicate)
    {
        duplicate = null;
        _text = text;
        _count = 0;
        _unescapedUsed = 0;
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            return false;
        }

        var span = text.Span;
        _start = (int)reader.TokenStartIndex;
        var depth = 0;
        var names = 0;
        while (true)
        {
            var kind = reader.TokenType;
            switch (kind)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Grow(ref _open, depth);
                    _open[depth] = _count;
                    if (kind == JsonTokenType.StartObject && uniqueNames)
                    {
                        Grow(ref _scopeNames, depth);
                        Grow(ref _filters, depth * 4 + 3);
                        _scopeNames[depth] = names;
                        _filters.AsSpan(depth * 4, 4).Clear();
                    }

                    depth++;
                    Add(kind, false, (int)reader.TokenStartIndex, 0);
                    break;

                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    ref var open = ref _rows[_open[depth]];
                    open.Next = _count;
                    open.Length = (int)reader.BytesConsumed - open.Start;
                    if (kind == JsonTokenType.EndObject && uniqueNames)
                    {
                        names = _scopeNames[depth];
                    }

                    break;

                case JsonTokenType.PropertyName:
                    Add(kind, reader.ValueIsEscaped, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    if (uniqueNames && !IsNew(ref reader, span, depth - 1, ref names))
                    {
                        // Named once; the value is still read to its end, so a flaw after it is what the caller hears first.
                        duplicate = reader.GetString();
                        uniqueNames = false;
                    }

                    break;

                case JsonTokenType.String:
                    Add(kind, reader.ValueIsEscaped, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    break;

                default: // numbers, true, false, null
                    Add(kind, false, (int)reader.TokenStartIndex, reader.ValueSpan.Length);
                    break;
            }

            if (depth == 0)
            {
                _length = (int)reader.BytesConsumed - _start;
                return true;
            }

            if (!reader.Read())
            {
                return false;
            }
        }
    }

    private void Add(JsonTokenType kind, bool escaped, int start, int length)
    {
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        // A token's next row is the one after it; an object's or array's is set where it ends.
        _rows[_count] = new Row { Kind = kind, Escaped = escaped, Start = start, Length = length, Next = _count + 1 };
        _count++;
    }

    /// <summary>Whether the name the reader stands on is new to its object; it is then added to the object's names.</summary>
    private bool IsNew(ref Utf8JsonReader reader, ReadOnlySpan<byte> text, int scope, ref int names)
    {
        Name name;
        ReadOnlySpan<byte> bytes;
        if (reader.ValueIsEscaped)
        {
            // Unescaped names are rare: their bytes are kept aside for the rest of the value.
            if (_unescaped.Length - _unescapedUsed < reader.ValueSpan.Length)
            {
                Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, _unescapedUsed + reader.ValueSpan.Length));
            }

            var written = reader.CopyString(_unescaped.AsSpan(_unescapedUsed));
            bytes = _unescaped.AsSpan(_unescapedUsed, written);
            name = new Name(Utf8Hash.Of(bytes), _unescapedUsed, written, true);
            _unescapedUsed += written;
        }
        else
        {
            bytes = reader.ValueSpan;
            name = new Name(Utf8Hash.Of(bytes), (int)reader.TokenStartIndex + 1, bytes.Length, false);
        }

        var filter = _filters.AsSpan(scope * 4, 4);
        var bit = (uint)name.Hash & 255;
        ref var word = ref filter[(int)(bit >> 6)];
        var mask = 1UL << (int)(bit & 63);
        if ((word & mask) != 0)
        {
            for (var k = _scopeNames[scope]; k < names; k++)
            {
                var other = _names[k];
                if (other.Hash == name.Hash && bytes.SequenceEqual(other.Unescaped ? _unescaped.AsSpan(other.Start, other.Length) : text.Slice(other.Start, other.Length)))
                {
                    return false;
                }
            }
        }

        word |= mask;
        Grow(ref _names, names);
        _names[names++] = name;
        return true;
    }

    private static void Grow<T>(ref T[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, (int)BitOperations.RoundUpToPowerOf2((uint)index + 1));
        }
    }

    internal JsonValueKind KindOf(int row) => _rows[row].Kind switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    internal int NextOf(int row) => _rows[row].Next;

    internal bool IsEscaped(int row) => _rows[row].Escaped;

    /// <summary>A name's or string's bytes as written (escapes included), or a number's or literal's.</summary>
    internal ReadOnlySpan<byte> Bytes(int row) => _text.Span.Slice(_rows[row].Start, _rows[row].Length);

    /// <summary>An object's or array's whole text.</summary>
    internal ReadOnlySpan<byte> Whole(int row) => _text.Span.Slice(_rows[row].Start, _rows[row].Length);

    /// <summary>A name's or string's value with its escapes undone.</summary>
    internal string Text(int row)
    {
        ref var r = ref _rows[row];
        if (!r.Escaped)
        {
            return StrictUtf8.GetString(_text.Span.Slice(r.Start, r.Length));
        }

        var quoted = new Utf8JsonReader(_text.Span.Slice(r.Start - 1, r.Length + 2));
        quoted.Read();
        return quoted.GetString()!;
    }

    /// <summary>Like <see cref="Text"/>; false when the escapes do not make text (an escaped half of a surrogate pair).</summary>
    internal bool TryText(int row, out string text)
    {
        try
        {
            text = Text(row);
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
}

/// <summary>A value on a <see cref="JsonTape"/> (the default is no value: <see cref="JsonValueKind.Undefined"/>).</summary>
public readonly struct JsonTapeValue
{
    private readonly JsonTape? _tape;
    private readonly int _row;

    internal JsonTapeValue(JsonTape tape, int row)
    {
        _tape = tape;
        _row = row;
    }

    public JsonValueKind ValueKind => _tape?.KindOf(_row) ?? JsonValueKind.Undefined;

    /// <summary>A string's value (escapes undone); a name's when the value is a property name.</summary>
    /// <exception cref="InvalidOperationException">The escapes do not make text (an escaped half of a surrogate pair).</exception>
    public string GetString() => _tape!.Text(_row);

    /// <summary>Like <see cref="GetString"/>; false when the escapes do not make text.</summary>
    public bool TryGetString(out string text) => _tape!.TryText(_row, out text);

    /// <summary>The value's bytes as written: a string's without its quotes and with its escapes, a number's or literal's.</summary>
    public ReadOnlySpan<byte> RawValue => _tape!.Bytes(_row);

    /// <summary>Whether a string is written with escapes.</summary>
    public bool IsEscaped => _tape!.IsEscaped(_row);

    /// <summary>The value as JSON text, as it was written.</summary>
    public string GetRawText() => ValueKind switch
    {
        JsonValueKind.Object or JsonValueKind.Array => Encoding.UTF8.GetString(_tape!.Whole(_row)),
        JsonValueKind.String => "\"" + Encoding.UTF8.GetString(_tape!.Bytes(_row)) + "\"",
        _ => Encoding.UTF8.GetString(_tape!.Bytes(_row)),
    };

    /// <summary>An object's property by name (the last one, when an object names it twice).</summary>
    public bool TryGetProperty(ReadOnlySpan<byte> utf8Name, out JsonTapeValue value)
    {
        value = default;
        if (ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // Exactly named first; else a name that differs only in ASCII case (a mapped parent field written "contact.name").
        JsonTapeValue loose = default;
        foreach (var (name, v) in Properties())
        {
            var bytes = name.IsEscaped ? name.TryGetString(out var text) ? Encoding.UTF8.GetBytes(text) : [] : name.RawValue;
            if (bytes.SequenceEqual(utf8Name))
            {
                value = v;
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(bytes, utf8Name))
            {
                loose = v;
            }
        }

        if (value.ValueKind == JsonValueKind.Undefined)
        {
            value = loose;
        }

        return value.ValueKind != JsonValueKind.Undefined;
    }

    public bool TryGetProperty(string name, out JsonTapeValue value)
    {
        Span<byte> bytes = name.Length <= 64 ? stackalloc byte[name.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(name.Length)];
        return TryGetProperty(bytes[..Encoding.UTF8.GetBytes(name, bytes)], out value);
    }

    /// <summary>An object's properties in order, each as its name (a string value) and its value.</summary>
    public PropertyEnumerator Properties() => new(_tape!, _row);

    /// <summary>An array's items in order.</summary>
    public ItemEnumerator Items() => new(_tape!, _row);

    public struct PropertyEnumerator(JsonTape tape, int row)
    {
        private readonly int _end = tape.NextOf(row);
        private int _next = row + 1;

        public (JsonTapeValue Name, JsonTapeValue Value) Current { get; private set; }

        public readonly PropertyEnumerator GetEnumerator() => this;

        /// <summary>How many properties the object has.</summary>
        public int Count()
        {
            var count = 0;
            while (MoveNext())
            {
                count++;
            }

            return count;
        }

        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            Current = (new JsonTapeValue(tape, _next), new JsonTapeValue(tape, _next + 1));
            _next = tape.NextOf(_next + 1);
            return true;
        }
    }

    public struct ItemEnumerator(JsonTape tape, int row)
    {
        private readonly int _end = tape.NextOf(row);
        private int _next = row + 1;

        public JsonTapeValue Current { get; private set; }

        public readonly ItemEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            Current = new JsonTapeValue(tape, _next);
            _next = tape.NextOf(_next);
            return true;
        }
    }
}
