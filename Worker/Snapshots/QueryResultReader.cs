using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfBridge.Snapshots;

/// <summary>
/// Streams the records of a query result file (<c>{"totalSize", "done", "records": [...]}</c>, or the
/// <c>sf data query --json</c> envelope with them under <c>result</c>) one at a time: the file is read through a
/// pooled window that holds one record, never the whole file nor a node tree of every record, so reading 100,000
/// cases takes the memory of one. Each record is checked as the whole-file reader checks a file: strict UTF-8 (a
/// UTF-16 file is accepted after its byte-order mark), no property named twice; any problem is an
/// <see cref="InvalidDataException"/> naming the file and the position.
/// </summary>
public sealed class QueryResultReader : IDisposable
{
    private const int InitialWindow = 1 << 16;

    private readonly string _path;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialWindow);
    private int _start;
    private int _end;
    private long _offset; // file offset of _buffer[0]
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256 });

    // Where the reader stands: before the root, in the root's properties, in result's, in records[].
    private Phase _phase = Phase.Root;
    private bool _recordsInResult;
    private bool _sawRecords;
    private int _index;

    private enum Phase
    {
        Root,
        RootProperties,
        ResultProperties,
        Records,
        Done,
    }

    private QueryResultReader(string path, Stream stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <summary>Every record of the file, in order, each parsed on its own.</summary>
    public static IEnumerable<JsonObject> Records(string path)
    {
        using var reader = Open(path);
        while (reader.Next(out var at))
        {
            yield return reader.Parse(at, static json => JsonNode.Parse(json.Span)!.AsObject());
        }
    }

    /// <summary>
    /// Every record of the file, in order, on a tape over the reader's window: the same tape each time, valid until the
    /// enumeration moves on, so nothing of it may be kept but the values read from it.
    /// </summary>
    public static IEnumerable<JsonTape> Tapes(string path)
    {
        using var reader = Open(path);
        while (reader.Next(out var at))
        {
            yield return reader.Parse(at, _ => reader._tape);
        }
    }

    private static QueryResultReader Open(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            Span<byte> bom = stackalloc byte[3];
            var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
            if (read >= 2 && (bom[0], bom[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            {
                // UTF-16 after its byte-order mark: transcoded once to UTF-8 (rare, and never the export tools' default).
                stream.Position = 2;
                using (stream)
                {
                    var utf16 = new byte[stream.Length - 2];
                    stream.ReadExactly(utf16);
                    var encoding = new UnicodeEncoding(bigEndian: bom[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true);
                    string text;
                    try
                    {
                        text = encoding.GetString(utf16);
                    }
                    catch (DecoderFallbackException ex)
                    {
                        throw new InvalidDataException($"{path}: not UTF-16 text (invalid byte at offset {ex.Index + 2})", ex);
                    }

                    return new QueryResultReader(path, new MemoryStream(Encoding.UTF8.GetBytes(text)));
                }
            }

            stream.Position = read == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
            return new QueryResultReader(path, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    /// <summary>
    /// Moves to the next record (false after the last), which then lies in the window from <paramref name="at"/> (its start
    /// in the window) to <see cref="_start"/>. Each step starts from the last complete one: a step cut short by the
    /// window's end is read again after a refill.
    /// </summary>
    private bool Next(out int at)
    {
        while (_phase != Phase.Done)
        {
            _window = _buffer.AsMemory(_start, _end - _start);
            var reader = new Utf8JsonReader(_window.Span, _final, _state);
            int record;
            bool complete;
            try
            {
                complete = Step(ref reader, out record);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // A byte that is not UTF-8 is named as such (the reader reports it as bad JSON, or fails reading a name).
                var window = _buffer.AsSpan(_start, _end - _start);
                if (!System.Text.Unicode.Utf8.IsValid(window))
                {
                    throw new InvalidDataException($"{_path}: not UTF-8 text (invalid byte at offset {_offset + _start + FirstInvalid(window)})", ex);
                }

                throw InvalidJson(ex);
            }

            if (!complete)
            {
                Refill();
                continue;
            }

            if (record >= 0)
            {
                record += _start;
            }

            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (record >= 0)
            {
                at = record;
                return true;
            }
        }

        EnsureNothingAfter();
        at = 0;
        return false;
    }

    /// <summary>Text after the query result is refused, as a whole-file parse refuses it.</summary>
    private void EnsureNothingAfter()
    {
        while (!_final)
        {
            Refill(force: true);
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), true, _state);
        try
        {
            if (reader.Read())
            {
                throw new InvalidDataException($"{_path}: invalid JSON: text after the query result");
            }
        }
        catch (JsonException ex)
        {
            throw InvalidJson(ex);
        }
    }

    /// <summary>A reader's error as one line naming the file and, when the reader knows it, the line and byte.</summary>
    private InvalidDataException InvalidJson(Exception ex) => ex is JsonException { LineNumber: not null } json
        ? new InvalidDataException($"{_path}: invalid JSON at line {json.LineNumber + 1}, byte {json.BytePositionInLine}: {json.Message.Split('.')[0]}", ex)
        : new InvalidDataException($"{_path}: invalid JSON: {ex.Message.Split('.')[0]}", ex);

    /// <summary>One step: a property of the envelope with its value, or one record. False when the window ends inside it.</summary>
    private bool Step(ref Utf8JsonReader reader, out int record)
    {
        record = -1;
        if (!reader.Read())
        {
            return EndOfInput();
        }

        switch (_phase)
        {
            case Phase.Root:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw NotAQueryResult();
                }

                _phase = Phase.RootProperties;
                return true;

            case Phase.RootProperties or Phase.ResultProperties:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    if (_phase == Phase.ResultProperties)
                    {
                        _phase = Phase.RootProperties;
                        return true;
                    }

                    _phase = Phase.Done;
                    return _sawRecords ? true : throw NotAQueryResult();
                }

                var name = reader.GetString();
                if (!reader.Read())
                {
                    return EndOfInput();
                }

                if (name == "records" && reader.TokenType == JsonTokenType.StartArray && (_phase == Phase.ResultProperties || !_recordsInResult))
                {
                    if (_sawRecords)
                    {
                        throw new InvalidDataException($"{_path}: invalid JSON: the property 'records' appears twice");
                    }

                    _sawRecords = true;
                    _recordsInResult = _phase == Phase.ResultProperties;
                    _phase = Phase.Records;
                    return true;
                }

                if (name == "done" && reader.TokenType == JsonTokenType.False)
                {
                    // The first page of a longer result: judged as the whole org, backlogs come out low and cases go missing.
                    throw CutShort(_path);
                }

                if (name == "result" && _phase == Phase.RootProperties && reader.TokenType == JsonTokenType.StartObject && !_sawRecords)
                {
                    _phase = Phase.ResultProperties;
                    return true;
                }

                return reader.TrySkip();

            default: // Records
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = _recordsInResult ? Phase.ResultProperties : Phase.RootProperties;
                    return true;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InvalidDataException($"{_path}: records[{_index}] is not an object");
                }

                var from = (int)reader.TokenStartIndex;
                if (!_tape.TryRead(ref reader, _window, uniqueNames: true, out _duplicate))
                {
                    return false;
                }

                record = from;
                return true;
        }
    }

    /// <summary>The record the reader stands on, read in one pass (its end found, its names checked, its tokens noted).</summary>
    private readonly JsonTape _tape = new();

    /// <summary>The bytes the current step reads (the tape's positions are in them).</summary>
    private ReadOnlyMemory<byte> _window;

    /// <summary>A name the record the reader stands on gives twice in one object.</summary>
    private string? _duplicate;

    private bool EndOfInput() =>
        _final ? throw new InvalidDataException($"{_path}: invalid JSON: the file ends before the query result does") : false;

    /// <summary>A query result holding only its first page (<c>"done": false</c>): read as whole, records would be missing.</summary>
    internal static InvalidDataException CutShort(string path) =>
        new($"{path}: the query result is cut short (\"done\": false): save every page (nextRecordsUrl) into the file");

    private InvalidDataException NotAQueryResult() => new($"{_path}: not a query result (expected totalSize, done, records[])");

    /// <summary>The record <see cref="Next"/> moved to, checked as UTF-8 and for a property named twice, then parsed.</summary>
    private T Parse<T>(int at, Func<ReadOnlyMemory<byte>, T> parse)
    {
        var json = _buffer.AsMemory(at, _start - at);
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw new InvalidDataException($"{_path}: not UTF-8 text (invalid byte at offset {_offset + at + FirstInvalid(json.Span)})");
        }

        try
        {
            return _duplicate is { } name
                ? throw new InvalidDataException($"{_path}: records[{_index}]: invalid JSON: Duplicate property '{name}' encountered during deserialization")
                : parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{_path}: records[{_index}]: invalid JSON: {ex.Message.Split(" Path:")[0].TrimEnd('.')}", ex);
        }
        finally
        {
            _index++;
        }
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        while (valid < bytes.Length && Rune.DecodeFromUtf8(bytes[valid..], out _, out var length) == OperationStatus.Done)
        {
            valid += length;
        }

        return valid;
    }

    /// <summary>Moves the unread bytes to the front and reads more; a record longer than the window doubles it.</summary>
    private void Refill(bool force = false)
    {
        if (_final && !force)
        {
            throw new InvalidDataException($"{_path}: invalid JSON: the file ends before the query result does");
        }

        var unread = _end - _start;
        if (_start == 0 && unread == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, unread).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _offset += _start;
        }

        _start = 0;
        _end = unread;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
