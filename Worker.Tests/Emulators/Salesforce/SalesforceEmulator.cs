using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce.Soql;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// A Salesforce org on 127.0.0.1 speaking the REST and Connect wire formats: OAuth token endpoint, query /
/// queryAll / nextRecordsUrl paging, sObject PATCH, sObject Collections, Chatter feed elements (single, batch,
/// record feed), /limits and Sforce-Limit-Info, global and sObject describe. Every request is counted by endpoint; faults can be armed.
/// </summary>
public sealed partial class SalesforceEmulator : IAsyncDisposable
{
    public const string OrgId = "00DEM0000000001EAA";
    private const string LoggedObject = "sfbridge.emulator.object";
    private const string LoggedRecords = "sfbridge.emulator.records";

    private readonly WebApplication _app;
    private readonly EmulatorOptions _options;
    private readonly TokenService _tokens;
    private readonly QueryCursors _cursors;
    private readonly ChatterFeeds _feeds;
    private readonly CancellationTokenSource _stopping = new();
    private long _apiUsed;

    private SalesforceEmulator(WebApplication app, EmulatorOptions options)
    {
        _app = app;
        _options = options;
        _apiUsed = options.DailyApiUsed;
        Org = new OrgStore(options.Time, options.ApiVersion);
        IntegrationUserId = SalesforceId.To18("005EM0000000000");
        _tokens = new TokenService(options, OrgId, IntegrationUserId);
        _cursors = new QueryCursors(options);
        _feeds = new ChatterFeeds(Org, options, Faults, IntegrationUserId);
    }

    public OrgStore Org { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public string IntegrationUserId { get; }

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every access token handed out so far.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _tokens.Issued;

    /// <summary>Daily API calls used (counted like the org does: every data call, not token requests).</summary>
    public long ApiUsed
    {
        get => Interlocked.Read(ref _apiUsed);
        set => Interlocked.Exchange(ref _apiUsed, value);
    }

    public static async Task<SalesforceEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders(); // requests are printed by the pipeline when LogRequests is on

        var app = builder.Build();
        var emulator = new SalesforceEmulator(app, options);
        emulator.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        if (options.SnapshotPath is not null)
        {
            SnapshotLoader.Load(emulator.Org, options.SnapshotPath, options.SnapshotExclude);
        }

        emulator.Org.Insert("User", new JsonObject { ["Id"] = emulator.IntegrationUserId, ["Name"] = "SfBridge Integration", ["Username"] = "sfbridge@emulator.invalid", ["IsActive"] = true });
        return emulator;
    }

    /// <summary>Invalidates every session now (the next data call gets 401 INVALID_SESSION_ID).</summary>
    public void ExpireSessions() => _tokens.ExpireAll();

    /// <summary>The record's feed, newest first, as Connect renders it.</summary>
    public IReadOnlyList<JsonObject> Feed(string recordId) => _feeds.Feed(recordId);

    /// <summary>A plain text post by someone else (a person working the case), at the emulator's current time.</summary>
    public string PostAs(string userId, string recordId, string text) => _feeds.PostAs(userId, recordId, text);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync(); // releases requests held by a Slow fault, so stopping does not wait for them
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) => await PipelineAsync(context, next));
        const string data = "/services/data/v{version}";
        app.MapPost("/services/oauth2/token", (Delegate)TokenAsync);
        app.MapGet("/services/data", () => Json(200, new JsonArray(new JsonObject { ["label"] = "Winter '25", ["url"] = "/services/data/v" + _options.ApiVersion, ["version"] = _options.ApiVersion })));
        app.MapGet(data + "/query", (HttpContext c) => QueryAsync(c, includeDeleted: false));
        app.MapGet(data + "/queryAll", (HttpContext c) => QueryAsync(c, includeDeleted: true));
        app.MapGet(data + "/query/{locator}", QueryMore);
        app.MapGet(data + "/limits", Limits);
        app.MapGet(data + "/sobjects", DescribeGlobal);
        app.MapGet(data + "/sobjects/{type}/describe", DescribeObject);
        app.MapGet(data + "/sobjects/{type}/{id}", GetRecord);
        app.MapPost(data + "/sobjects/{type}", (Delegate)CreateRecordAsync);
        app.MapMethods(data + "/sobjects/{type}/{id}", ["PATCH"], (Delegate)UpdateRecordAsync);
        app.MapMethods(data + "/composite/sobjects", ["PATCH"], (Delegate)UpdateCollectionAsync);
        app.MapPost(data + "/chatter/feed-elements", (Delegate)PostFeedElementAsync);
        app.MapPost(data + "/chatter/feed-elements/batch", (Delegate)PostFeedBatchAsync);
        app.MapGet(data + "/chatter/feeds/record/{id}/feed-elements", RecordFeed);
    }

    private static IResult Json(int status, JsonNode? body) =>
        Results.Content(body?.ToJsonString() ?? "null", "application/json;charset=UTF-8", System.Text.Encoding.UTF8, status);

    private static IResult Served(HttpContext context, QueryPage page)
    {
        Annotate(context, page.SObject, page.Records);
        return Results.Bytes(page.Body, "application/json;charset=UTF-8");
    }

    /// <summary>What the request log records beyond the request line: the object a query read, the records served or written.</summary>
    private static void Annotate(HttpContext context, string? sObject, int records)
    {
        context.Items[LoggedObject] = sObject;
        context.Items[LoggedRecords] = records;
    }

    internal static IResult Errors(int status, string code, string message, params string[] fields)
    {
        var error = new JsonObject { ["message"] = message, ["errorCode"] = code };
        if (fields.Length > 0)
        {
            error["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray());
        }

        return Json(status, new JsonArray(error));
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string EndpointOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path == "/services/oauth2/token") return "token";
        if (path.TrimEnd('/') == "/services/data") return "versions";
        if (path.Contains("/chatter/feed-elements/batch", StringComparison.Ordinal)) return "chatter-batch";
        if (path.Contains("/chatter/feed-elements", StringComparison.Ordinal)) return "chatter-post";
        if (path.Contains("/chatter/feeds/record/", StringComparison.Ordinal)) return "chatter-feed";
        if (path.Contains("/composite/sobjects", StringComparison.Ordinal)) return "composite-sobjects";
        if (path.Contains("/queryAll", StringComparison.Ordinal)) return "queryAll";
        if (path.Contains("/query/", StringComparison.Ordinal)) return "queryMore";
        if (path.EndsWith("/query", StringComparison.Ordinal)) return "query";
        if (path.EndsWith("/limits", StringComparison.Ordinal)) return "limits";
        if (IsDescribe(request)) return "describe";
        if (path.Contains("/sobjects/", StringComparison.Ordinal)) return "sobject";
        return "other";
    }

    private static int BatchSize(HttpRequest request)
    {
        var header = request.Headers["Sforce-Query-Options"].ToString();
        var match = System.Text.RegularExpressions.Regex.Match(header, @"batchSize\s*=\s*(\d+)");
        return match.Success ? Math.Clamp(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 200, 2000) : 2000;
    }
}
