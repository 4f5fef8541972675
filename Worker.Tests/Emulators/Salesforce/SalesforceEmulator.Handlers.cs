using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce.Soql;

namespace SfBridge.Tests.Emulators.Salesforce;

public sealed partial class SalesforceEmulator
{
    private const int MaxCollectionRecords = 200;
    private const int MaxChatterBatch = 500;

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Json(400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "form body required" });
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (status, body) = _tokens.Grant(form, context.Request.Headers.Authorization.FirstOrDefault(), BaseUrl);
        context.Response.Headers.CacheControl = "no-store";
        return Json(status, body);
    }

    private IResult QueryAsync(HttpContext context, bool includeDeleted)
    {
        var soql = context.Request.Query["q"].ToString();
        if (string.IsNullOrWhiteSpace(soql))
        {
            return Errors(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        try
        {
            var query = SoqlParser.Parse(soql, _options.Time.GetUtcNow());
            var locator = QueryEngine.Execute(Org, query, includeDeleted, _cursors.Open);
            return Served(context, _cursors.Page(locator, 0, BatchSize(context.Request)));
        }
        catch (SoqlException ex)
        {
            return Errors(400, ex.ErrorCode, ex.ErrorCode == "MALFORMED_QUERY" ? $"\n{soql}\n^\nERROR at Row:1:Column:1\n{ex.Message}" : ex.Message);
        }
    }

    private IResult QueryMore(HttpContext context, string locator)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ||
            !_cursors.Exists(locator[..dash]))
        {
            return Errors(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Served(context, _cursors.Page(locator[..dash], offset, BatchSize(context.Request)));
    }

    private IResult Limits()
    {
        var max = _options.DailyApiMax;
        var remaining = Math.Max(0, max - ApiUsed);
        return Json(200, new JsonObject
        {
            ["DailyApiRequests"] = new JsonObject { ["Max"] = max, ["Remaining"] = remaining, ["SfBridge"] = new JsonObject { ["Max"] = 0, ["Remaining"] = 0 } },
            ["DailyBulkApiBatches"] = new JsonObject { ["Max"] = 15000, ["Remaining"] = 15000 },
            ["DataStorageMB"] = new JsonObject { ["Max"] = 5, ["Remaining"] = 5 },
            ["HourlyODataCallout"] = new JsonObject { ["Max"] = 10000, ["Remaining"] = 10000 },
        });
    }

    private IResult GetRecord(string type, string id)
    {
        var record = Org.Find(id);
        return record is null || !string.Equals(record["attributes"]?["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)
            ? Errors(404, "NOT_FOUND", "The requested resource does not exist")
            : Json(200, record);
    }

    private async Task<IResult> CreateRecordAsync(HttpContext context, string type)
    {
        if (await ReadBodyAsync(context) is not JsonObject fields)
        {
            return Errors(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
        }

        var id = Org.Insert(type, fields);
        return Json(201, new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() });
    }

    private async Task<IResult> UpdateRecordAsync(HttpContext context, string type, string id)
    {
        if (await ReadBodyAsync(context) is not JsonObject fields)
        {
            return Errors(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
        }

        var error = ApplyUpdate(type, id, fields, AutoAssign(context.Request));
        return error is null ? Results.NoContent() : Errors(error.Value.Status, error.Value.Code, error.Value.Message, error.Value.Fields);
    }

    private async Task<IResult> UpdateCollectionAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context) is not JsonObject body || body["records"] is not JsonArray records)
        {
            return Errors(400, "JSON_PARSER_ERROR", "Expected {\"allOrNone\": bool, \"records\": [...]}");
        }

        if (records.Count > MaxCollectionRecords)
        {
            return Errors(400, "EXCEEDED_ID_LIMIT", $"Maximum number of records is {MaxCollectionRecords}");
        }

        Annotate(context, null, records.Count);
        var allOrNone = body["allOrNone"]?.GetValue<bool>() ?? false;
        var autoAssign = AutoAssign(context.Request);
        var checks = records.Select(r => CheckCollectionRecord(r as JsonObject)).ToList();
        var anyFailed = checks.Any(c => c.Error is not null);
        var results = new JsonArray();
        foreach (var (record, type, id, error) in checks)
        {
            if (error is { } e)
            {
                results.Add(Failure(e.Code, e.Message, e.Fields));
            }
            else if (allOrNone && anyFailed)
            {
                results.Add(Failure("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header"));
            }
            else
            {
                var fields = (JsonObject)record!.DeepClone();
                fields.Remove("attributes");
                fields.Remove("id");
                var applied = ApplyUpdate(type!, id!, fields, autoAssign);
                results.Add(applied is { } a ? Failure(a.Code, a.Message, a.Fields) : new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() });
            }
        }

        return Json(200, results);

        static JsonObject Failure(string code, string message, params string[] fields) => new()
        {
            // Failed results carry no id: clients must map results by position.
            ["success"] = false,
            ["errors"] = new JsonArray(new JsonObject
            {
                ["statusCode"] = code,
                ["message"] = message,
                ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()),
            }),
        };
    }

    private (JsonObject? Record, string? Type, string? Id, (string Code, string Message, string[] Fields)? Error) CheckCollectionRecord(JsonObject? record)
    {
        var type = record?["attributes"]?["type"]?.GetValue<string>();
        var id = record?["id"]?.GetValue<string>() ?? record?["Id"]?.GetValue<string>();
        if (type is null)
        {
            return (record, type, id, ("INVALID_TYPE", "No type was specified for the record (attributes.type)", []));
        }

        if (!SalesforceId.IsValid(id))
        {
            return (record, type, id, ("MALFORMED_ID", $"{type} ID: id value of incorrect type: {id}", ["Id"]));
        }

        return Faults.RecordFailure(id!) is { } f ? (record, type, id, (f.Code, f.Message, [])) : (record, type, id, null);
    }

    private (int Status, string Code, string Message, string[] Fields)? ApplyUpdate(string type, string id, JsonObject fields, bool autoAssign)
    {
        var existing = Org.Find(id);
        if (existing is null || !string.Equals(existing["attributes"]?["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))
        {
            return (404, "NOT_FOUND", "The requested resource does not exist", []);
        }

        var unknown = fields.Select(f => f.Key).FirstOrDefault(f => !Org.Read(v => v.FieldExists(type, f)));
        if (unknown is not null)
        {
            return (400, "INVALID_FIELD", $"No such column '{unknown}' on sobject of type {type}", [unknown]);
        }

        var readOnly = fields.Select(f => f.Key).FirstOrDefault(f => Metadata.IsReadOnly(type, f));
        if (readOnly is not null)
        {
            return (400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to create/update fields: {readOnly}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", [readOnly]);
        }

        if (Faults.RecordFailure(id) is { } failure)
        {
            return (400, failure.Code, failure.Message, []);
        }

        if (autoAssign && _options.AssignmentRuleOwnerId is { } owner && type.Equals("Case", StringComparison.OrdinalIgnoreCase))
        {
            fields["OwnerId"] = owner; // what an active assignment rule does on an update without Sforce-Auto-Assign: FALSE
        }

        Org.Update(id, fields);
        return null;
    }

    private static bool AutoAssign(HttpRequest request) =>
        !string.Equals(request.Headers["Sforce-Auto-Assign"].ToString(), "FALSE", StringComparison.OrdinalIgnoreCase);

    private async Task<IResult> PostFeedElementAsync(HttpContext context)
    {
        var (status, body) = _feeds.Post(await ReadBodyAsync(context) as JsonObject);
        return Json(status, body);
    }

    private async Task<IResult> PostFeedBatchAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context) is not JsonObject body || body["inputs"] is not JsonArray inputs)
        {
            return Errors(400, "JSON_PARSER_ERROR", "Expected {\"inputs\": [...]}");
        }

        if (inputs.Count > MaxChatterBatch)
        {
            return Errors(400, "INVALID_API_INPUT", $"A batch can hold at most {MaxChatterBatch} inputs");
        }

        Annotate(context, null, inputs.Count);
        var results = new JsonArray();
        var hasErrors = false;
        foreach (var input in inputs)
        {
            var (status, result) = _feeds.Post(input?["richInput"] as JsonObject);
            hasErrors |= status >= 400;
            results.Add(new JsonObject { ["statusCode"] = status, ["result"] = result });
        }

        return Json(200, new JsonObject { ["hasErrors"] = hasErrors, ["results"] = results });
    }

    private IResult RecordFeed(HttpContext context, string id)
    {
        if (Org.Find(id) is null)
        {
            return Errors(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var pageSize = int.TryParse(context.Request.Query["pageSize"], out var p) ? Math.Clamp(p, 1, 100) : 25;
        var offset = int.TryParse(context.Request.Query["page"], out var o) ? o : 0;
        var all = _feeds.Feed(id);
        var elements = all.Skip(offset).Take(pageSize).Select(e => (JsonNode)e).ToArray();
        var basePath = $"/services/data/v{_options.ApiVersion}/chatter/feeds/record/{id}/feed-elements";
        var hasMore = offset + elements.Length < all.Count;
        return Json(200, new JsonObject
        {
            ["currentPageToken"] = offset.ToString(CultureInfo.InvariantCulture),
            ["currentPageUrl"] = $"{basePath}?page={offset}&pageSize={pageSize}",
            ["elements"] = new JsonArray(elements),
            ["isModifiedToken"] = null,
            ["isModifiedUrl"] = null,
            ["nextPageToken"] = hasMore ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null,
            ["nextPageUrl"] = hasMore ? $"{basePath}?page={offset + pageSize}&pageSize={pageSize}" : null,
            ["updatesToken"] = "0",
            ["updatesUrl"] = $"{basePath}?updatesToken=0",
        });
    }
}
