using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>
/// An org snapshot folder as the audit command reads it: one REST query result per object
/// (<c>&lt;Object&gt;.json</c>, or the <c>sf data query --json</c> envelope) and <c>Gar.json</c> with GAR orders.
/// </summary>
public sealed class OrgSnapshot
{
    private readonly Dictionary<string, List<SObjectRecord>> _objects;

    private readonly IReadOnlyDictionary<string, string> _sources;

    /// <summary>Case.json, read record by record when the cases are enumerated (null: cases held in memory).</summary>
    private readonly string? _casePath;

    private OrgSnapshot(Dictionary<string, List<SObjectRecord>> objects, IReadOnlyList<GarOrder>? gar, IReadOnlyDictionary<string, string>? sources = null,
        string? casePath = null)
    {
        _objects = objects;
        Gar = gar;
        _sources = sources ?? new Dictionary<string, string>();
        _casePath = casePath;
    }

    /// <summary>GAR orders, or null when the folder has no Gar.json.</summary>
    public IReadOnlyList<GarOrder>? Gar { get; }

    public IReadOnlyList<SObjectRecord> Records(string objectName)
    {
        if (_casePath is not null && objectName.Equals("Case", StringComparison.OrdinalIgnoreCase))
        {
            lock (_objects)
            {
                if (!_objects.TryGetValue("Case", out var cases))
                {
                    _objects["Case"] = cases = CaseRecords().ToList();
                }

                return cases;
            }
        }

        return _objects.TryGetValue(objectName, out var list) ? list : [];
    }

    /// <summary>
    /// The cases, streamed from Case.json one record at a time (the audit holds what it reads of each case, never the file
    /// or its node tree). A problem in the file is an <see cref="InvalidDataException"/> raised while enumerating.
    /// </summary>
    private IEnumerable<SObjectRecord> CaseRecords() =>
        _casePath is null ? Records("Case") : QueryResultReader.Records(_casePath).Select(r => new SObjectRecord(r));

    /// <summary>
    /// Every case of the snapshot read through the field map, in file order: streamed from Case.json and read from
    /// each record's document, never a node tree. A problem in the file is an <see cref="InvalidDataException"/>.
    /// </summary>
    public IEnumerable<CaseRead> ReadCases(IReadOnlyDictionary<string, string> fields) =>
        _casePath is null
            ? Records("Case").Select(r => CaseReader.Read(r, fields))
            : QueryResultReader.Tapes(_casePath).Select(t => CaseReader.Read(t.Root, fields));

    /// <summary>Where an object's records came from, for messages: its file, or "User records" for records held in memory.</summary>
    public string SourceOf(string objectName) => _sources.TryGetValue(objectName, out var path) ? path : objectName + " records";

    /// <summary>
    /// Reads the folder; throws <see cref="InvalidDataException"/> naming the file and position of the first problem. A
    /// folder without Case.json is bad input, not an empty org.
    /// </summary>
    /// <param name="localZone">The time zone GAR's instants written without a UTC offset are local to (the mappings');
    /// null: such an instant is refused.</param>
    public static OrgSnapshot Load(string folder, TimeZoneInfo? localZone = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"{folder}: snapshot folder does not exist");
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*.json");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{folder}: snapshot folder cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }

        if (!files.Any(f => Path.GetFileNameWithoutExtension(f).Equals("Case", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidDataException($"{Path.Combine(folder, "Case.json")}: missing; a snapshot needs Case.json (a query result, even one with no records)");
        }

        var objects = new Dictionary<string, List<SObjectRecord>>(StringComparer.OrdinalIgnoreCase);
        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<GarOrder>? gar = null;
        string? casePath = null;
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Equals("Case", StringComparison.OrdinalIgnoreCase))
            {
                casePath = path; // streamed when the cases are read: the largest file by far
                sources[name] = path;
                continue;
            }

            var root = Parse(path);
            if (name.Equals("Gar", StringComparison.OrdinalIgnoreCase))
            {
                gar = ReadGar(path, root, localZone);
                continue;
            }

            var result = (root as JsonObject)?["result"] as JsonObject ?? root as JsonObject;
            if (result?["records"] is not JsonArray records)
            {
                throw new InvalidDataException($"{path}: not a query result (expected totalSize, done, records[])");
            }

            if (result["done"] is JsonValue done && done.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                throw QueryResultReader.CutShort(path);
            }

            objects[name] = records.Select((r, i) => r as JsonObject ?? throw new InvalidDataException($"{path}: records[{i}] is not an object"))
                .Select(r => new SObjectRecord(r)).ToList();
            sources[name] = path;
        }

        return new OrgSnapshot(objects, gar, sources, casePath);
    }

    /// <summary>Strict decoding: a byte that is not UTF-8 (or UTF-16 after its byte-order mark) is reported, not replaced by U+FFFD.</summary>
    private static JsonNode? Parse(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }

        string text;
        try
        {
            text = bytes switch
            {
                [0xEF, 0xBB, 0xBF, ..] => StrictUtf8.GetString(bytes, 3, bytes.Length - 3),
                [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2),
                [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2),
                _ => StrictUtf8.GetString(bytes),
            };
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{path}: not UTF-8 text (invalid byte at offset {ex.Index})", ex);
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: UniqueProperties);
        }
        catch (JsonException ex) when (ex.LineNumber is null)
        {
            // A property named twice is found after the reader has moved on: there is no position, the message names the property.
            throw new InvalidDataException($"{path}: invalid JSON: {ex.Message.TrimEnd('.')}", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: {ex.Message.Split('.')[0]}", ex);
        }
    }

    /// <summary>
    /// A property named twice in one object is refused while parsing: JsonNode would otherwise accept the text and throw
    /// an ArgumentException on the object's first lookup, far from the file it came from.
    /// </summary>
    private static readonly JsonDocumentOptions UniqueProperties = new() { AllowDuplicateProperties = false };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static List<GarOrder> ReadGar(string path, JsonNode? root, TimeZoneInfo? localZone)
    {
        if (root is not JsonArray orders)
        {
            throw new InvalidDataException($"{path}: expected an array of GAR orders");
        }

        var list = new List<GarOrder>();
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i] is not JsonObject o)
            {
                throw new InvalidDataException($"{path}: [{i}] is not an object");
            }

            var number = Text(path, i, o, "orderNumber");
            var status = Text(path, i, o, "status");
            if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(status))
            {
                throw new InvalidDataException($"{path}: [{i}] needs orderNumber and status");
            }

            list.Add(new GarOrder(number, status, Date(path, i, o, "validatedAt", localZone), Date(path, i, o, "updatedAt", localZone)));
        }

        return list;
    }

    /// <summary>A string field of a GAR order, null when absent or null; any other JSON kind is bad input.</summary>
    private static string? Text(string path, int index, JsonObject order, string field) => order[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => throw new InvalidDataException($"{path}: [{index}].{field} must be a string, not {other.GetValueKind()}"),
    };

    private static DateTimeOffset? Date(string path, int index, JsonObject order, string field, TimeZoneInfo? localZone)
    {
        var text = Text(path, index, order, field);
        if (text is null)
        {
            return null;
        }

        if (SfBridge.Gar.GarInstant.TryParse(text, localZone, out var value))
        {
            return value;
        }

        throw new InvalidDataException(localZone is null
            ? $"{path}: [{index}].{field} '{text}' is not an ISO-8601 instant with its UTC offset"
            : $"{path}: [{index}].{field} '{text}' is not an ISO-8601 instant");
    }
}
