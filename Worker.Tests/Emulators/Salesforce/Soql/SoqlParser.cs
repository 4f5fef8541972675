using System.Globalization;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Emulators.Salesforce.Soql;

/// <summary>
/// Recursive-descent parser for: SELECT fields | relationship paths | (child subqueries) | COUNT() FROM object
/// [WHERE conditions with AND / OR / NOT / parentheses, = != &lt; &gt; &lt;= &gt;= LIKE IN NOT IN]
/// [ORDER BY path [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n].
/// Date literals (TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n, LAST_N_HOURS:n) are ranges in UTC.
/// </summary>
internal sealed class SoqlParser
{
    private readonly List<SoqlToken> _tokens;
    private readonly DateTimeOffset _now;
    private int _pos;

    private SoqlParser(string text, DateTimeOffset now)
    {
        _tokens = SoqlLexer.Tokenize(text);
        _now = now;
    }

    public static SoqlQuery Parse(string text, DateTimeOffset now)
    {
        var parser = new SoqlParser(text, now);
        var query = parser.ParseQuery();
        if (parser.Peek.Kind != SoqlTokenKind.End)
        {
            throw parser.Error("unexpected token");
        }

        return query;
    }

    private SoqlToken Peek => _tokens[_pos];

    private SoqlToken Next() => _tokens[_pos++];

    private SoqlQuery ParseQuery()
    {
        Expect("SELECT");
        var select = new List<SelectItem>();
        var isCount = false;
        if (Peek.Is("COUNT") && _tokens[_pos + 1].Is("("))
        {
            _pos += 2;
            Expect(")");
            isCount = true;
        }
        else
        {
            do
            {
                if (Peek.Is("("))
                {
                    Next();
                    select.Add(new SubqueryItem(ParseQuery()));
                    Expect(")");
                }
                else
                {
                    select.Add(new FieldItem(Identifier("field name")));
                }
            }
            while (TryConsume(","));
        }

        Expect("FROM");
        var from = Identifier("object name");
        Condition? where = null;
        if (TryConsume("WHERE"))
        {
            where = ParseOr();
        }

        var order = new List<OrderItem>();
        if (TryConsume("ORDER"))
        {
            Expect("BY");
            do
            {
                var path = Identifier("ORDER BY field");
                var desc = TryConsume("DESC");
                if (!desc)
                {
                    TryConsume("ASC");
                }

                var nullsFirst = !desc;
                if (TryConsume("NULLS"))
                {
                    nullsFirst = TryConsume("FIRST") || (Expect("LAST") && false);
                }

                order.Add(new OrderItem(path, desc, nullsFirst));
            }
            while (TryConsume(","));
        }

        int? limit = TryConsume("LIMIT") ? Integer() : null;
        int? offset = TryConsume("OFFSET") ? Integer() : null;
        return new SoqlQuery(select, from, where, order, limit, offset, isCount);
    }

    private Condition ParseOr()
    {
        var items = new List<Condition> { ParseAnd() };
        while (TryConsume("OR"))
        {
            items.Add(ParseAnd());
        }

        return items.Count == 1 ? items[0] : new OrCondition(items);
    }

    private Condition ParseAnd()
    {
        var items = new List<Condition> { ParseUnary() };
        while (TryConsume("AND"))
        {
            items.Add(ParseUnary());
        }

        return items.Count == 1 ? items[0] : new AndCondition(items);
    }

    private Condition ParseUnary()
    {
        if (TryConsume("NOT"))
        {
            return new NotCondition(ParseUnary());
        }

        if (TryConsume("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var path = Identifier("field name");
        if (TryConsume("NOT"))
        {
            Expect("IN");
            return new InCondition(path, true, ValueList());
        }

        if (TryConsume("IN"))
        {
            return new InCondition(path, false, ValueList());
        }

        var op = Next();
        if (op.Kind == SoqlTokenKind.Symbol && op.Text is "=" or "!=" or "<" or ">" or "<=" or ">=")
        {
            return new Comparison(path, op.Text, Value());
        }

        if (op.Is("LIKE"))
        {
            var value = Value();
            return value.Kind == SoqlValueKind.String ? new Comparison(path, "LIKE", value) : throw Error("LIKE needs a string");
        }

        _pos--;
        throw Error("expected an operator");
    }

    private List<SoqlValue> ValueList()
    {
        Expect("(");
        if (Peek.Is("SELECT"))
        {
            throw Error("semi-join subqueries are not supported by the emulator");
        }

        var values = new List<SoqlValue>();
        do
        {
            values.Add(Value());
        }
        while (TryConsume(","));
        Expect(")");
        return values;
    }

    private SoqlValue Value()
    {
        var token = Next();
        switch (token.Kind)
        {
            case SoqlTokenKind.String:
                return new SoqlValue(SoqlValueKind.String, token.Text);
            case SoqlTokenKind.Number:
                return new SoqlValue(SoqlValueKind.Number, token.Text, decimal.Parse(token.Text, CultureInfo.InvariantCulture));
            case SoqlTokenKind.DateTime:
                return new SoqlValue(SoqlValueKind.DateTime, token.Text, Start: SalesforceDateTime.Parse(token.Text));
            case SoqlTokenKind.Date:
                var day = DateTimeOffset.ParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return new SoqlValue(SoqlValueKind.Date, token.Text, Start: day, End: day.AddDays(1));
            case SoqlTokenKind.Identifier:
                return KeywordValue(token);
            default:
                _pos--;
                throw Error("expected a value");
        }
    }

    private SoqlValue KeywordValue(SoqlToken token)
    {
        var today = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero);
        switch (token.Text.ToUpperInvariant())
        {
            case "NULL": return new SoqlValue(SoqlValueKind.Null);
            case "TRUE": return new SoqlValue(SoqlValueKind.Boolean, Boolean: true);
            case "FALSE": return new SoqlValue(SoqlValueKind.Boolean, Boolean: false);
            case "TODAY": return Range(today, today.AddDays(1));
            case "YESTERDAY": return Range(today.AddDays(-1), today);
            case "TOMORROW": return Range(today.AddDays(1), today.AddDays(2));
        }

        if (!TryConsume(":"))
        {
            _pos--;
            throw Error($"unknown literal '{token.Text}'");
        }

        var n = Integer();
        return token.Text.ToUpperInvariant() switch
        {
            "LAST_N_DAYS" => Range(today.AddDays(-n), today.AddDays(1)),
            "NEXT_N_DAYS" => Range(today.AddDays(1), today.AddDays(n + 1)),
            "LAST_N_HOURS" => Range(_now.AddHours(-n), _now),
            _ => throw Error($"unknown date literal '{token.Text}'"),
        };

        static SoqlValue Range(DateTimeOffset start, DateTimeOffset end) => new(SoqlValueKind.DateRange, Start: start, End: end);
    }

    private string Identifier(string what)
    {
        var token = Next();
        if (token.Kind != SoqlTokenKind.Identifier)
        {
            _pos--;
            throw Error($"expected {what}");
        }

        return token.Text;
    }

    private int Integer()
    {
        var token = Next();
        return token.Kind == SoqlTokenKind.Number && int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error("expected a whole number");
    }

    private bool TryConsume(string keyword)
    {
        if (!Peek.Is(keyword))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private bool Expect(string keyword) => TryConsume(keyword) ? true : throw Error($"expected {keyword}");

    private SoqlException Error(string what)
    {
        var token = Peek;
        var near = token.Kind == SoqlTokenKind.End ? "end of query" : $"'{token.Text}'";
        return new SoqlException($"unexpected token: {near} at position {token.Position} ({what})");
    }
}
