using System.Buffers;
using System.Collections;
using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Snapshots;

/// <summary>What reading one Case record gave: the case, or the reason it cannot be judged; and its Id when one could be read.</summary>
public readonly record struct CaseRead(CaseSnapshot? Case, string? Error, string? Id)
{
    public void Deconstruct(out CaseSnapshot? c, out string? error)
    {
        c = Case;
        error = Error;
    }
}

/// <summary>
/// Reads a Case record (with its CaseComments, EmailMessages, Tasks, ContentDocumentLinks and Histories subquery
/// results) into a <see cref="CaseSnapshot"/> through the field map. A record that cannot be judged (no id, no
/// creation date, a date that is not a date) is refused with the reason, so the caller can quarantine it.
/// </summary>
/// <remarks>
/// The record is read from a parsed <see cref="JsonDocument"/> in one pass over each object's properties: every field
/// the mapping asks for lands in a slot, and values become strings only when they are kept. Fields are read, and
/// refused, as <see cref="SObjectRecord"/> reads them (the same values, the same first error, the same messages):
/// <c>CaseReaderTests</c> compares the two on the sample org and on hostile records.
/// </remarks>
public static class CaseReader
{
    /// <summary>A record already held as a node tree (a sync page).</summary>
    public static CaseRead Read(SObjectRecord record, IReadOnlyDictionary<string, string> fields) => Read(record.RawUtf8(), fields);

    /// <summary>A record as stored or received: JSON text, read in one pass; text that is not JSON is refused with why.</summary>
    public static CaseRead Read(string json, IReadOnlyDictionary<string, string> fields)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Read(bytes.AsMemory(0, Encoding.UTF8.GetBytes(json, bytes)), fields);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static CaseRead Read(ReadOnlyMemory<byte> json, IReadOnlyDictionary<string, string> fields)
    {
        var tape = Tape ??= new JsonTape();
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            tape.TryRead(ref reader, json, uniqueNames: false, out _);
            reader.Read(); // text after the value is refused, as a parser refuses it
        }
        catch (JsonException ex)
        {
            return new CaseRead(null, $"the record is not JSON: {ex.Message.Split(" Path:")[0].TrimEnd('.')}", null);
        }

        Tape = null; // a read inside this read (none today) gets its own tape
        try
        {
            return Read(tape.Root, fields);
        }
        finally
        {
            Tape = tape;
        }
    }

    [ThreadStatic]
    private static JsonTape? Tape;

    /// <summary>A record on a tape (a query result's record, see <see cref="QueryResultReader.Tapes"/>).</summary>
    public static CaseRead Read(JsonTapeValue record, IReadOnlyDictionary<string, string> fields)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return new CaseRead(null, $"the record is {record.ValueKind}, not an object", null);
        }

        var plan = Plans.GetValue(fields, f => new Plan(f));
        var slots = plan.Rent();
        string? id = null;
        try
        {
            Fill(record, plan.Names, slots);
            var view = new View(record, slots);
            id = view.Text(Plan.Id, "Id");
            var c = Build(view, plan, id, out var refusal);
            return new CaseRead(c, refusal, id);
        }
        catch (FormatException ex)
        {
            return new CaseRead(null, ex.Message, id);
        }
        finally
        {
            plan.Return(slots);
        }
    }

    /// <summary>The case, or null with the reason it cannot be judged; a field that cannot be read throws <see cref="FormatException"/>.</summary>
    private static CaseSnapshot? Build(View r, Plan plan, string? readId, out string? refusal)
    {
        refusal = null;
        if (readId is not { } id || !SalesforceId.IsValid(id))
        {
            refusal = "Id is missing or not a Salesforce id";
            return null;
        }

        if (r.Date(Plan.CreatedDate, "CreatedDate") is not { } created)
        {
            refusal = "CreatedDate is null";
            return null;
        }

        // A subquery's later pages missing (a snapshot saved from the first page of each: the sync reads them all): judged on
        // part of its comments or history, the case could be accused of what a missing page shows was done.
        foreach (var (slot, relationship) in ChildRelationships)
        {
            if (r.Element(slot) is { ValueKind: JsonValueKind.Object } child && child.TryGetProperty("done"u8, out var done) && done.ValueKind == JsonValueKind.False)
            {
                refusal = $"its {relationship} are incomplete (\"done\": false): the later pages of that subquery are missing";
                return null;
            }
        }

        var values = new string?[plan.Custom.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var field = plan.Custom[i];
            values[i] = r.Path(field.Slot, field.Rest, field.Api);
        }

        var custom = new MappedFields(plan.Logical, values);

        return new CaseSnapshot
        {
            Id = id,
            CaseNumber = r.Text(Plan.CaseNumber, "CaseNumber") ?? id,
            Subject = r.Text(Plan.Subject, "Subject"),
            Description = r.Text(Plan.Description, "Description"),
            Status = r.Text(Plan.Status, "Status"),
            Priority = r.Text(Plan.Priority, "Priority"),
            Origin = r.Text(Plan.Origin, "Origin"),
            Type = r.Text(Plan.Type, "Type"),
            OwnerId = r.Text(Plan.OwnerId, "OwnerId"),
            OwnerName = r.Path(Plan.Owner, NameOnly, "Owner.Name"),
            RecordType = r.Path(Plan.RecordType, DeveloperNameOnly, "RecordType.DeveloperName"),
            CreatedDate = created,
            ClosedDate = r.Date(Plan.ClosedDate, "ClosedDate"),
            IsClosed = r.Boolean(Plan.IsClosed, "IsClosed") ?? false,
            SystemModstamp = r.Date(Plan.SystemModstamp, "SystemModstamp"),
            AccountId = r.Text(Plan.AccountId, "AccountId"),
            CreatedById = r.Text(Plan.CreatedById, "CreatedById"),
            ParentId = r.Text(Plan.ParentId, "ParentId"),
            Fields = custom,
            Comments = Comments(r.Element(Plan.CaseComments), created),
            Emails = Emails(r.Element(Plan.EmailMessages)),
            Tasks = Tasks(r.Element(Plan.Tasks), created),
            AttachmentCount = Count(r.Element(Plan.ContentDocumentLinks)),
            History = History(r.Element(Plan.Histories)),
        };
    }

    private static readonly (int Slot, string Name)[] ChildRelationships =
    [
        (Plan.CaseComments, "CaseComments"), (Plan.EmailMessages, "EmailMessages"), (Plan.Tasks, "Tasks"),
        (Plan.ContentDocumentLinks, "ContentDocumentLinks"), (Plan.Histories, "Histories"),
    ];

    private static readonly string[] NameOnly = ["Name"];
    private static readonly string[] DeveloperNameOnly = ["DeveloperName"];
    private static readonly string[] UserTypeOnly = ["UserType"];

    private static List<CaseComment> Comments(JsonTapeValue relationship, DateTimeOffset created) => Ordered(
        Children(relationship, ChildNames.Comment, created, static (c, created) =>
            new CaseComment(c.Text(0, "CommentBody"), c.Boolean(1, "IsPublished") ?? false, c.Date(2, "CreatedDate") ?? created, c.Text(3, "CreatedById"))
            {
                AuthorType = c.Path(4, UserTypeOnly, "CreatedBy.UserType"),
            }),
        static c => c.CreatedDate);

    private static List<CaseEmail> Emails(JsonTapeValue relationship) =>
        Children(relationship, ChildNames.Email, default, static (e, _) =>
            new CaseEmail(e.Boolean(0, "Incoming") ?? false, e.Boolean(1, "HasAttachment") ?? false, e.Date(2, "MessageDate"), e.Text(3, "Subject"))
            {
                Status = e.Text(4, "Status"),
                FromAddress = e.Text(5, "FromAddress"),
                ToAddress = e.Text(6, "ToAddress"),
                CcAddress = e.Text(7, "CcAddress"),
                Body = e.Text(8, "TextBody"),
                CreatedById = e.Text(9, "CreatedById"),
            });

    private static List<CaseTask> Tasks(JsonTapeValue relationship, DateTimeOffset created) => Ordered(
        Children(relationship, ChildNames.Task, created, static (t, created) =>
        {
            var subtype = t.Text(0, "TaskSubtype");
            var closed = t.Boolean(1, "IsClosed") ?? false;
            var at = t.Date(2, "CompletedDateTime") ?? t.Date(3, "CreatedDate") ?? created;

            // Who made a logged call: the task's assignee (OwnerId), since telephony integrations create the task under
            // their own user; the creator when the task is not assigned to a user.
            var author = t.Text(4, "OwnerId") is { } owner && SalesforceId.HasPrefix(owner, SalesforceId.UserPrefix) ? owner : t.Text(5, "CreatedById");
            return new CaseTask(subtype, closed, at, author);
        }),
        static t => t.At);

    /// <summary>
    /// Field changes with a field and an instant (others are left out). Salesforce also writes an owner change as one of
    /// its special history values (<c>ownerAssignment</c>: by an assignment rule; <c>ownerAccepted</c>: a user took the
    /// case from a queue; <c>ownerEscalated</c>: by an escalation rule): read as owner changes, unless an Owner row already
    /// says the same change.
    /// </summary>
    private static List<FieldChange> History(JsonTapeValue relationship)
    {
        HashSet<FieldChange>? special = null; // the owner changes read from special values, to drop where an Owner row says the same
        var history = Ordered(
            Children(relationship, ChildNames.History, default, (h, _) =>
            {
                if (h.Text(0, "Field") is not { } field || h.Date(3, "CreatedDate") is not { } at)
                {
                    return null;
                }

                var owner = OwnerVariants.Contains(field);
                var change = new FieldChange(owner ? FieldChange.OwnerField : field, h.Text(1, "OldValue"), h.Text(2, "NewValue"), at, h.Text(4, "CreatedById"));
                if (owner)
                {
                    (special ??= new HashSet<FieldChange>(ReferenceEqualityComparer.Instance)).Add(change);
                }

                return change;
            }),
            static h => h.At);
        if (special is not null)
        {
            // Both rows read as equal changes (records compare by value); the set tells them apart by which row they came from.
            history.RemoveAll(h => special.Contains(h) && history.Exists(o => !special.Contains(o) && o == h));
        }

        ChainTies(history);
        return history;
    }

    /// <summary>
    /// History rows carry whole seconds, and Salesforce promises no order for rows of one instant: a save whose flow sets a
    /// second status writes "Novo → Em Atendimento" and "Em Atendimento → Aguardando Cliente" at the same second, in
    /// either order (read the other way, the case was awaiting the customer for no time at all). Within an instant, the
    /// rows of each field (an owner's id rows apart from its name rows) are put in the one order where each starts from
    /// the value the one before it set, the first from the field's value before that instant; rows already in such an
    /// order, or that make no such order, stay as sent.
    /// </summary>
    private static void ChainTies(List<FieldChange> history)
    {
        for (var start = 0; start < history.Count;)
        {
            var end = start + 1;
            while (end < history.Count && history[end].At == history[start].At)
            {
                end++;
            }

            if (end - start > 1)
            {
                foreach (var strand in Enumerable.Range(start, end - start).GroupBy(i => Strand(history[i])).Where(g => g.Count() > 1))
                {
                    var positions = strand.ToList();
                    var rows = positions.Select(i => history[i]).ToList();
                    var before = history.Take(start).LastOrDefault(h => Strand(h) == strand.Key)?.NewValue;
                    if (Chained(rows, before) is { } ordered)
                    {
                        for (var k = 0; k < positions.Count; k++)
                        {
                            history[positions[k]] = ordered[k];
                        }
                    }
                }
            }

            start = end;
        }
    }

    /// <summary>Rows that can chain: one field's, and of the owner, its id rows apart from its name rows.</summary>
    private static (string Field, bool Ids) Strand(FieldChange h) =>
        (h.Field.ToUpperInvariant(), (h.OldValue is null || SalesforceId.IsValid(h.OldValue)) && (h.NewValue is null || SalesforceId.IsValid(h.NewValue)));

    /// <summary>
    /// The one order of the rows where each starts from the value the one before set, the first from
    /// <paramref name="before"/> when known (or, when none does, from a value no row sets); null when the sent order is
    /// such an order already, when there is none or more than one (a value changed and changed back: A → B, B → A), or
    /// when the rows are too many to search.
    /// </summary>
    private static List<FieldChange>? Chained(List<FieldChange> rows, string? before)
    {
        static bool Follows(FieldChange row, string? value) => string.Equals(row.OldValue, value, StringComparison.Ordinal);
        if ((before is null || Follows(rows[0], before)) && rows.Skip(1).Select((r, i) => Follows(r, rows[i].NewValue)).All(x => x))
        {
            return null; // in order as sent
        }

        if (rows.Count > 8)
        {
            return null;
        }

        var path = new List<FieldChange>(rows.Count);
        var used = new bool[rows.Count];
        List<FieldChange>? found = null;
        var orders = 0;
        void Walk(string? value, bool anchored)
        {
            if (orders > 1)
            {
                return;
            }

            if (path.Count == rows.Count)
            {
                orders++;
                found ??= [.. path];
                return;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (!used[i] && (!anchored || Follows(rows[i], value)))
                {
                    used[i] = true;
                    path.Add(rows[i]);
                    Walk(rows[i].NewValue, anchored: true);
                    path.RemoveAt(path.Count - 1);
                    used[i] = false;
                }
            }
        }

        Walk(before, anchored: before is not null);
        if (orders == 0 && before is not null)
        {
            Walk(null, anchored: false); // the value before is not where any row starts (a change not on record)
        }

        return orders == 1 ? found : null;
    }

    /// <summary>The history values Salesforce writes for owner changes besides the Owner field itself.</summary>
    internal static readonly IReadOnlyList<string> OwnerHistoryValues = ["ownerAssignment", "ownerAccepted", "ownerEscalated"];

    private static readonly HashSet<string> OwnerVariants = new(OwnerHistoryValues, StringComparer.OrdinalIgnoreCase);

    /// <summary>Each record of a child relationship read through its name table, in the order sent; a null read is left out.</summary>
    private static List<T> Children<T>(JsonTapeValue relationship, NameTable names, DateTimeOffset created, Func<View, DateTimeOffset, T?> read)
        where T : class
    {
        var list = new List<T>();
        var slots = new JsonTapeValue[names.Count];
        foreach (var item in Records(relationship))
        {
            Array.Clear(slots);
            Fill(item, names, slots);
            if (read(new View(item, slots), created) is { } child)
            {
                list.Add(child);
            }
        }

        return list;
    }

    /// <summary>The list in order of its instants, ties in the order Salesforce sent them (most lists arrive in order).</summary>
    private static List<T> Ordered<T>(List<T> list, Func<T, DateTimeOffset> at)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (at(list[i]) < at(list[i - 1]))
            {
                return list.OrderBy(at).ToList();
            }
        }

        return list;
    }

    private static int Count(JsonTapeValue relationship)
    {
        var count = 0;
        foreach (var _ in Records(relationship))
        {
            count++;
        }

        return count;
    }

    /// <summary>A child relationship's records (objects only); none when Salesforce sent null or no records array.</summary>
    private static IEnumerable<JsonTapeValue> Records(JsonTapeValue relationship)
    {
        if (relationship.ValueKind != JsonValueKind.Object || !relationship.TryGetProperty("records"u8, out var records) || records.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in records.Items())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return item;
            }
        }
    }

    /// <summary>One pass over an object's properties: each one named in the table lands in its slot (the last one wins).</summary>
    private static void Fill(JsonTapeValue record, NameTable names, JsonTapeValue[] slots)
    {
        foreach (var (name, value) in record.Properties())
        {
            if (names.TryFind(name, out var slot))
            {
                slots[slot] = value;
            }
        }
    }

    /// <summary>A record's slots read as <see cref="SObjectRecord"/> reads fields; an absent field is a default element.</summary>
    private readonly struct View(JsonTapeValue record, JsonTapeValue[] slots)
    {
        public JsonTapeValue Element(int slot) => slots[slot];

        public string? Text(int slot, string path) => TextOf(slots[slot], path);

        /// <summary>A field of a parent (<c>Owner.Name</c>): null when the parent is absent, null or not an object.</summary>
        public string? Path(int slot, string[] rest, string path)
        {
            var current = slots[slot];
            if (rest.Length == 0)
            {
                return TextOf(current, path);
            }

            for (var i = 0; i < rest.Length; i++)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(rest[i], out var next))
                {
                    return null;
                }

                current = next;
            }

            return TextOf(current, path);
        }

        public DateTimeOffset? Date(int slot, string path)
        {
            var value = slots[slot];
            if (value.ValueKind == JsonValueKind.String)
            {
                if (!value.IsEscaped)
                {
                    return SalesforceDateTime.TryParse(value.RawValue, out var at) ? at : throw NotA(path, "datetime");
                }
            }

            var text = TextOf(value, path);
            if (text is null)
            {
                return null;
            }

            return SalesforceDateTime.TryParse(text, out var parsed) ? parsed : throw NotA(path, "datetime");
        }

        public bool? Boolean(int slot, string path) => slots[slot].ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when slots[slot].TryGetString(out var text) && bool.TryParse(text, out var b) => b,
            _ => throw NotA(path, "boolean"),
        };

        private string? TextOf(JsonTapeValue value, string path) => value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            // A text whose escapes make no text (an escaped half of a surrogate pair: a subject cut in the middle of an emoji) is
            // read with U+FFFD in its place, as a browser shows it, rather than refusing the case: refused, a case SfBridge
            // tracks would leave the tracked set, its clocks and findings with it. An id stays strict: it names the record.
            JsonValueKind.String => value.TryGetString(out var text) ? Salesforce.SalesforceJson.WithoutNul(text)
                : path != "Id" ? Salesforce.SalesforceJson.WithoutNul(Salesforce.SalesforceJson.TextReplacingLoneSurrogates(System.Text.Encoding.UTF8.GetString(value.RawValue)))
                : throw new FormatException($"Field {path} of {Describe()} is not text (an escaped half of a surrogate pair)"),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            // A compound field (an address, a geolocation) mapped whole, as Contact.MailingAddress: its parts read as one text.
            // Refused, every case whose contact has an address would leave the tracked set.
            JsonValueKind.Object when path != "Id" && IsCompound(value) => Compound(value, path),
            var kind => throw new FormatException($"Field {path} of {Describe()} is {kind}, not a value"),
        };

        /// <summary>Whether an object is one of Salesforce's compound values (an address, a geolocation), not a record or a relationship.</summary>
        private static bool IsCompound(JsonTapeValue value)
        {
            var compound = false;
            foreach (var (name, _) in value.Properties())
            {
                if (!name.TryGetString(out var key) || key is "attributes" or "records" or "totalSize")
                {
                    return false;
                }

                compound |= key is "street" or "city" or "postalCode" or "state" or "country" or "latitude" or "longitude";
            }

            return compound;
        }

        /// <summary>The text and number parts of a compound value, in the order sent, joined by ", "; null with none.</summary>
        private string? Compound(JsonTapeValue value, string path)
        {
            var parts = new List<string>();
            foreach (var (_, part) in value.Properties())
            {
                if (part.ValueKind is JsonValueKind.String or JsonValueKind.Number && TextOf(part, path) is { Length: > 0 } text)
                {
                    parts.Add(text.Trim());
                }
            }

            return parts.Count == 0 ? null : string.Join(", ", parts);
        }

        private FormatException NotA(string path, string what) => new($"Field {path} of {Describe()} is not a {what}");

        /// <summary>"Case 500…" for messages, as <see cref="SObjectRecord"/> names a record.</summary>
        private string Describe()
        {
            var type = record.TryGetProperty("attributes"u8, out var attributes) && attributes.ValueKind == JsonValueKind.Object &&
                       attributes.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String
                ? t.TryGetString(out var text) ? text : null
                : null;
            var id = record.TryGetProperty("Id"u8, out var i) && i.ValueKind == JsonValueKind.String && i.TryGetString(out var readable) ? readable : null;
            return $"{type ?? "record"} {id ?? "(without a readable Id)"}";
        }
    }

    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, Plan> Plans = new();

    /// <summary>The slots of one field map: the standard fields first, then the first part of each mapped API name.</summary>
    private sealed class Plan
    {
        public const int Id = 0, CreatedDate = 1, CaseNumber = 2, Subject = 3, Description = 4, Status = 5, Priority = 6, Origin = 7, Type = 8, OwnerId = 9,
            Owner = 10, RecordType = 11, ClosedDate = 12, IsClosed = 13, SystemModstamp = 14, AccountId = 15, CreatedById = 16, ParentId = 17,
            CaseComments = 18, EmailMessages = 19, Tasks = 20, ContentDocumentLinks = 21, Histories = 22;

        private static readonly string[] Standard =
        [
            "Id", "CreatedDate", "CaseNumber", "Subject", "Description", "Status", "Priority", "Origin", "Type", "OwnerId",
            "Owner", "RecordType", "ClosedDate", "IsClosed", "SystemModstamp", "AccountId", "CreatedById", "ParentId",
            "CaseComments", "EmailMessages", "Tasks", "ContentDocumentLinks", "Histories",
        ];


        public Plan(IReadOnlyDictionary<string, string> fields)
        {
            var names = new List<string>(Standard);
            var custom = new List<CustomField>();
            foreach (var (logical, api) in fields)
            {
                var parts = api.Split('.');
                // Ignoring case, as the name table finds them: "contact.Email" and "Contact.Name" read the one Contact.
                var slot = names.FindIndex(n => string.Equals(n, parts[0], StringComparison.OrdinalIgnoreCase));
                if (slot < 0)
                {
                    slot = names.Count;
                    names.Add(parts[0]);
                }

                custom.Add(new CustomField(logical, api, slot, parts[1..]));
            }

            Names = new NameTable(names);
            Custom = [.. custom];
            Logical = custom.Select((c, i) => (c.Logical, i)).ToFrozenDictionary(c => c.Logical, c => c.i, StringComparer.Ordinal);
        }

        /// <summary>Each logical name's place in a case's mapped values.</summary>
        public FrozenDictionary<string, int> Logical { get; }

        public NameTable Names { get; }

        public CustomField[] Custom { get; }

        /// <summary>This thread's slots for this map (a record is read on one thread, start to end).</summary>
        public JsonTapeValue[] Rent()
        {
            var slots = _slots ??= new JsonTapeValue[Names.Count];
            if (slots.Length != Names.Count)
            {
                slots = _slots = new JsonTapeValue[Names.Count];
            }

            _slots = null; // a read inside a read (none today) gets its own
            return slots;
        }

        public void Return(JsonTapeValue[] slots)
        {
            Array.Clear(slots);
            _slots = slots;
        }

        [ThreadStatic]
        private static JsonTapeValue[]? _slots;
    }

    /// <summary>A case's mapped fields: the names shared by every case read through one map, the values its own.</summary>
    private sealed class MappedFields(FrozenDictionary<string, int> names, string?[] values) : IReadOnlyDictionary<string, string?>
    {
        public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a mapped field");

        public IEnumerable<string> Keys => names.Keys;

        public IEnumerable<string?> Values => names.Values.Select(i => values[i]);

        public int Count => names.Count;

        public bool ContainsKey(string key) => names.ContainsKey(key);

        public bool TryGetValue(string key, out string? value)
        {
            if (names.TryGetValue(key, out var i))
            {
                value = values[i];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
            names.Select(n => new KeyValuePair<string, string?>(n.Key, values[n.Value])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed record CustomField(string Logical, string Api, int Slot, string[] Rest);

    private static class ChildNames
    {
        public static readonly NameTable Comment = new(["CommentBody", "IsPublished", "CreatedDate", "CreatedById", "CreatedBy"]);
        public static readonly NameTable Email = new(["Incoming", "HasAttachment", "MessageDate", "Subject", "Status", "FromAddress", "ToAddress", "CcAddress", "TextBody", "CreatedById"]);
        public static readonly NameTable Task = new(["TaskSubtype", "IsClosed", "CompletedDateTime", "CreatedDate", "OwnerId", "CreatedById"]);
        public static readonly NameTable History = new(["Field", "OldValue", "NewValue", "CreatedDate", "CreatedById"]);
    }

    /// <summary>
    /// Property names to slots, looked up by the name's UTF-8 bytes (an open-addressed table on a hash of them) without
    /// making a string of it; a name written with escapes is compared by its value.
    /// </summary>
    private sealed class NameTable
    {
        private readonly byte[][] _names;
        private readonly int[] _buckets; // slot + 1; 0 is empty
        private readonly int _mask;

        public NameTable(IReadOnlyList<string> names)
        {
            _names = names.Select(Encoding.UTF8.GetBytes).ToArray();
            _buckets = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, names.Count * 4))];
            _mask = _buckets.Length - 1;
            for (var slot = 0; slot < _names.Length; slot++)
            {
                if (Find(_names[slot]) < 0)
                {
                    var bucket = Utf8Hash.OfIgnoringCase(_names[slot]) & _mask;
                    while (_buckets[bucket] != 0)
                    {
                        bucket = (bucket + 1) & _mask;
                    }

                    _buckets[bucket] = slot + 1;
                }
            }
        }

        public int Count => _names.Length;

        public bool TryFind(JsonTapeValue name, out int slot)
        {
            // A name whose escapes make no text is no name of the table.
            slot = !name.IsEscaped ? Find(name.RawValue) : name.TryGetString(out var text) ? Find(Encoding.UTF8.GetBytes(text)) : -1;
            return slot >= 0;
        }

        private int Find(ReadOnlySpan<byte> name)
        {
            // Ignoring ASCII case: Salesforce answers with the field names as the org spells them, and SOQL takes a mapped
            // name in any case ("numero_pedido__c"); matched exactly, such a field would read as empty on every case.
            for (var bucket = Utf8Hash.OfIgnoringCase(name) & _mask; _buckets[bucket] != 0; bucket = (bucket + 1) & _mask)
            {
                var slot = _buckets[bucket] - 1;
                if (name.SequenceEqual(_names[slot]) || System.Text.Ascii.EqualsIgnoreCase(name, _names[slot]))
                {
                    return slot;
                }
            }

            return -1;
        }
    }
}
