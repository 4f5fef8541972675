using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce.Soql;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>Evaluates parsed SOQL over the org store and shapes records exactly as the REST query endpoint does.</summary>
internal static class QueryEngine
{
    private const string CdlRestriction =
        "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.";

    /// <summary>
    /// Validates the query and selects its records under the store lock, then hands <paramref name="consume"/> the
    /// selected rows (still under the lock) to project now or later (<see cref="QueryRows"/>).
    /// </summary>
    public static T Execute<T>(OrgStore store, SoqlQuery query, bool includeDeleted, Func<QueryRows, T> consume) =>
        store.Read(view =>
        {
            if (!view.ObjectExists(query.From))
            {
                throw new SoqlException(
                    $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.",
                    "INVALID_TYPE");
            }

            if (query.From.Equals("ContentDocumentLink", StringComparison.OrdinalIgnoreCase) && !FiltersCdlById(query.Where))
            {
                throw new SoqlException(CdlRestriction);
            }

            Validate(view, query.From, query);
            var source = Candidates(view, query.From, query.Where) ?? view.Records(query.From);
            view.Examined(source.Count, children: false);
            var rows = Select(view, query.From, source, query, includeDeleted).ToList();
            return consume(new QueryRows(store, view, rows, query, includeDeleted));
        });

    /// <summary>
    /// A query's selected records, in order, and how to shape them: <see cref="Project"/> inside the
    /// <see cref="Execute{T}"/> call (under its lock), <see cref="ProjectLater"/> afterwards from any thread.
    /// </summary>
    internal sealed class QueryRows(OrgStore store, OrgStore.OrgView view, List<JsonObject> rows, SoqlQuery query, bool includeDeleted)
    {
        /// <summary>Records the result serves (none for COUNT()).</summary>
        public int Count => query.IsCount ? 0 : rows.Count;

        public int TotalSize => rows.Count;

        public string SObject => query.From;

        public IEnumerable<JsonObject> Project(int from, int to) =>
            rows.Skip(from).Take(to - from).Select(r => QueryEngine.Project(view, query.From, r, query, includeDeleted));

        /// <summary>Projects the records from <paramref name="from"/> on, taking the store lock again.</summary>
        public void ProjectLater(int from, Action<JsonObject> emit) =>
            store.Read(later =>
            {
                for (var i = from; i < Count; i++)
                {
                    emit(QueryEngine.Project(later, query.From, rows[i], query, includeDeleted));
                }

                return 0;
            });
    }

    /// <summary>
    /// The records a WHERE clause can match, from an index, when it requires a plain field to equal one of some
    /// strings (<c>Id IN (...)</c>, <c>ParentId = '...'</c>, alone or in an AND); null when it does not (scan).
    /// The full condition is still applied to them.
    /// </summary>
    private static IReadOnlyList<JsonObject>? Candidates(OrgStore.OrgView view, string objectName, Condition? where)
    {
        switch (where)
        {
            case Comparison { Operator: "=", Value.Kind: SoqlValueKind.String } c when !c.Path.Contains('.'):
                return view.Where(objectName, c.Path, [c.Value.Text!]);
            case InCondition { Negated: false } i when !i.Path.Contains('.') && i.Values.All(v => v.Kind == SoqlValueKind.String):
                return view.Where(objectName, i.Path, i.Values.Select(v => v.Text!));
            case AndCondition and:
                foreach (var item in and.Items)
                {
                    if (Candidates(view, objectName, item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static IEnumerable<JsonObject> Select(OrgStore.OrgView view, string objectName, IEnumerable<JsonObject> source, SoqlQuery query, bool includeDeleted)
    {
        var rows = source.Where(r => includeDeleted || r["IsDeleted"]?.GetValue<bool>() != true);
        if (query.Where is { } where)
        {
            rows = rows.Where(r => Matches(view, objectName, r, where));
        }

        if (query.OrderBy.Count > 0)
        {
            // Sort keys are resolved and parsed once per row, not once per comparison.
            var order = query.OrderBy;
            var keyed = rows.Select(r => (Row: r, Keys: order.Select(o => SortKey.Of(Resolve(view, r, o.Path))).ToArray())).ToList();
            keyed.Sort((a, b) => CompareKeys(a.Keys, b.Keys, order));
            rows = keyed.Select(k => k.Row);
        }

        if (query.Offset is { } offset)
        {
            rows = rows.Skip(offset);
        }

        return query.Limit is { } limit ? rows.Take(limit) : rows;
    }

    private static JsonObject Project(OrgStore.OrgView view, string objectName, JsonObject record, SoqlQuery query, bool includeDeleted)
    {
        var id = record["Id"]!.GetValue<string>();
        var result = new JsonObject { ["attributes"] = new JsonObject { ["type"] = objectName, ["url"] = view.Url(objectName, id) } };
        foreach (var item in query.Select)
        {
            switch (item)
            {
                case FieldItem field:
                    ProjectPath(view, result, objectName, record, field.Path.Split('.'), 0);
                    break;
                case SubqueryItem sub:
                    var rel = view.ChildRelationship(objectName, sub.Query.From)!.Value;
                    // The index finds children filed under either form of the parent id; AreEqual keeps exactly the old matches.
                    var keys = SalesforceId.IsValid(id) ? new[] { id, SalesforceId.To18(id), id[..15] } : [id];
                    var children = view.Where(rel.Child, rel.ForeignKey, keys)
                        .Where(c => SalesforceId.AreEqual(Get(c, rel.ForeignKey)?.ToString(), id)).ToList();
                    view.Examined(children.Count, children: true);
                    var rows = Select(view, rel.Child, children, sub.Query, includeDeleted)
                        .Select(c => (JsonNode)Project(view, rel.Child, c, sub.Query, includeDeleted)).ToArray();
                    // Salesforce sends null, not an empty result, for a parent without children.
                    result[sub.Query.From] = rows.Length == 0 ? null : new JsonObject
                    {
                        ["totalSize"] = rows.Length,
                        ["done"] = true,
                        ["records"] = new JsonArray(rows),
                    };
                    break;
            }
        }

        return result;
    }

    private static void ProjectPath(OrgStore.OrgView view, JsonObject target, string objectName, JsonObject record, string[] parts, int index)
    {
        var name = parts[index];
        if (index == parts.Length - 1)
        {
            target[CanonicalName(record, name)] = Get(record, name)?.DeepClone();
            return;
        }

        if (target.ContainsKey(name) && target[name] is null)
        {
            return;
        }

        var (parent, parentType) = ResolveParent(view, record, name);
        if (parent is null)
        {
            target[name] = null;
            return;
        }

        if (target[name] is not JsonObject nested)
        {
            var shownType = OrgSchema.Polymorphic.Contains(name) ? "Name" : parentType;
            nested = new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = shownType, ["url"] = view.Url(parentType, parent["Id"]?.GetValue<string>() ?? "") },
            };
            target[name] = nested;
        }

        ProjectPath(view, nested, parentType, parent, parts, index + 1);
    }

    /// <summary>A parent lookup: inline in the record (snapshots carry them so), else through its Id field.</summary>
    private static (JsonObject? Parent, string Type) ResolveParent(OrgStore.OrgView view, JsonObject record, string relationship)
    {
        if (Get(record, relationship) is JsonObject inline)
        {
            return (inline, inline["attributes"]?["type"]?.GetValue<string>() ?? relationship);
        }

        var fk = relationship.EndsWith("__r", StringComparison.OrdinalIgnoreCase) ? relationship[..^3] + "__c" : relationship + "Id";
        var parent = view.ById(Get(record, fk)?.GetValue<string>());
        return parent is null ? (null, relationship) : (parent, OrgStore.OrgView.TypeOf(parent));
    }

    private static JsonNode? Resolve(OrgStore.OrgView view, JsonObject record, string path)
    {
        var parts = path.Split('.');
        var current = record;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var (parent, type) = ResolveParent(view, current, parts[i]);
            if (parent is null)
            {
                return null;
            }

            // A polymorphic lookup is the "Name" pseudo-object: its Type is the sObject it points at ("What.Type = 'Case'").
            if (i == parts.Length - 2 && OrgSchema.Polymorphic.Contains(parts[i]) && string.Equals(parts[^1], "Type", StringComparison.OrdinalIgnoreCase))
            {
                return JsonValue.Create(type);
            }

            current = parent;
        }

        return Get(current, parts[^1]);
    }

    internal static JsonNode? Get(JsonObject record, string name)
    {
        if (record.TryGetPropertyValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in record)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    private static string CanonicalName(JsonObject record, string name) =>
        record.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private static void Validate(OrgStore.OrgView view, string objectName, SoqlQuery query)
    {
        foreach (var item in query.Select)
        {
            if (item is FieldItem f)
            {
                ValidatePath(view, objectName, f.Path);
            }
            else if (item is SubqueryItem sub)
            {
                var rel = view.ChildRelationship(objectName, sub.Query.From)
                          ?? throw new SoqlException($"Didn't understand relationship '{sub.Query.From}' in FROM part of query call.", "INVALID_TYPE");
                Validate(view, rel.Child, sub.Query);
            }
        }

        foreach (var path in ConditionPaths(query.Where).Concat(query.OrderBy.Select(o => o.Path)))
        {
            ValidatePath(view, objectName, path);
        }
    }

    private static void ValidatePath(OrgStore.OrgView view, string objectName, string path)
    {
        var first = path.Split('.')[0];
        if (path.Contains('.'))
        {
            var fk = first.EndsWith("__r", StringComparison.OrdinalIgnoreCase) ? first[..^3] + "__c" : first + "Id";
            if (!view.FieldExists(objectName, fk) && !view.FieldExists(objectName, first))
            {
                throw new SoqlException($"Didn't understand relationship '{first}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.", "INVALID_FIELD");
            }

            return;
        }

        if (!view.FieldExists(objectName, first))
        {
            throw new SoqlException($"No such column '{first}' on entity '{objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.", "INVALID_FIELD");
        }
    }

    private static IEnumerable<string> ConditionPaths(Condition? condition) => condition switch
    {
        null => [],
        AndCondition and => and.Items.SelectMany(ConditionPaths),
        OrCondition or => or.Items.SelectMany(ConditionPaths),
        NotCondition not => ConditionPaths(not.Inner),
        Comparison c => [c.Path],
        InCondition i => [i.Path],
        _ => [],
    };

    private static bool FiltersCdlById(Condition? condition) => condition switch
    {
        Comparison { Operator: "=" } c => IsCdlKey(c.Path),
        InCondition { Negated: false } i => IsCdlKey(i.Path),
        AndCondition and => and.Items.Any(FiltersCdlById),
        _ => false,
    };

    private static bool IsCdlKey(string path) =>
        path.Equals("LinkedEntityId", StringComparison.OrdinalIgnoreCase) || path.Equals("ContentDocumentId", StringComparison.OrdinalIgnoreCase);

    private static bool Matches(OrgStore.OrgView view, string objectName, JsonObject record, Condition condition) => condition switch
    {
        AndCondition and => and.Items.All(c => Matches(view, objectName, record, c)),
        OrCondition or => or.Items.Any(c => Matches(view, objectName, record, c)),
        NotCondition not => !Matches(view, objectName, record, not.Inner),
        Comparison c => Compare(Resolve(view, record, c.Path), c.Operator, c.Value),
        InCondition i => i.Values.Any(v => Compare(Resolve(view, record, i.Path), "=", v)) != i.Negated,
        _ => false,
    };

    internal static bool Compare(JsonNode? field, string op, SoqlValue value)
    {
        if (value.Kind == SoqlValueKind.Null)
        {
            return op switch { "=" => IsNull(field), "!=" => !IsNull(field), _ => false };
        }

        if (IsNull(field))
        {
            return op == "!=";
        }

        switch (value.Kind)
        {
            case SoqlValueKind.String:
                var text = AsText(field!);
                return op switch
                {
                    "LIKE" => Like(text, value.Text!),
                    "=" => string.Equals(text, value.Text, StringComparison.OrdinalIgnoreCase),
                    "!=" => !string.Equals(text, value.Text, StringComparison.OrdinalIgnoreCase),
                    _ => Ordered(string.Compare(text, value.Text, StringComparison.OrdinalIgnoreCase), op),
                };
            case SoqlValueKind.Number:
                return decimal.TryParse(AsText(field!), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && Ordered(n.CompareTo(value.Number), op);
            case SoqlValueKind.Boolean:
                var b = field!.GetValueKind() is JsonValueKind.True || (field.GetValueKind() == JsonValueKind.String && bool.TryParse(field.GetValue<string>(), out var parsed) && parsed);
                return op switch { "=" => b == value.Boolean, "!=" => b != value.Boolean, _ => false };
            case SoqlValueKind.DateTime:
                return SalesforceDateTime.TryParse(AsText(field!), out var at) && Ordered(at.CompareTo(value.Start), op);
            default: // Date and date literals: a day or a range [Start, End)
                if (!SalesforceDateTime.TryParse(AsText(field!), out var when))
                {
                    return false;
                }

                return op switch
                {
                    "=" => when >= value.Start && when < value.End,
                    "!=" => when < value.Start || when >= value.End,
                    "<" => when < value.Start,
                    "<=" => when < value.End,
                    ">" => when >= value.End,
                    ">=" => when >= value.Start,
                    _ => false,
                };
        }
    }

    private static bool Ordered(int comparison, string op) => op switch
    {
        "=" => comparison == 0,
        "!=" => comparison != 0,
        "<" => comparison < 0,
        "<=" => comparison <= 0,
        ">" => comparison > 0,
        ">=" => comparison >= 0,
        _ => false,
    };

    private static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    private static string AsText(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static bool Like(string text, string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return Regex.IsMatch(text, regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static int CompareKeys(SortKey[] a, SortKey[] b, IReadOnlyList<OrderItem> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var item = order[i];
            var (x, y) = (a[i], b[i]);
            int result;
            if (x.Missing || y.Missing)
            {
                result = x.Missing == y.Missing ? 0 : (x.Missing == item.NullsFirst ? -1 : 1);
                if (result != 0)
                {
                    return result; // null placement is not reversed by DESC
                }

                continue;
            }

            result = SortKey.Compare(x, y);
            if (result != 0)
            {
                return item.Descending ? -result : result;
            }
        }

        return 0;
    }

    /// <summary>A field value as ORDER BY compares it: numbers as numbers, date-times as instants, else text ignoring case.</summary>
    private readonly record struct SortKey(bool Missing, decimal? Number, DateTimeOffset? Instant, string Text)
    {
        public static SortKey Of(JsonNode? node)
        {
            if (IsNull(node))
            {
                return new SortKey(true, null, null, "");
            }

            var text = AsText(node!);
            var number = node!.GetValueKind() == JsonValueKind.Number ? node.GetValue<decimal>() : (decimal?)null;
            var instant = text.Length >= 19 && SalesforceDateTime.TryParse(text, out var at) ? at : (DateTimeOffset?)null;
            return new SortKey(false, number, instant, text);
        }

        public static int Compare(SortKey x, SortKey y) =>
            x.Number is { } m && y.Number is { } n ? m.CompareTo(n)
            : x.Instant is { } d && y.Instant is { } e ? d.CompareTo(e)
            : string.Compare(x.Text, y.Text, StringComparison.OrdinalIgnoreCase);
    }
}
