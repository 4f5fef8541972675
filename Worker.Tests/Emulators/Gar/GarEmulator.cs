using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SfBridge.Tests.Emulators.Gar;

/// <summary>GAR on 127.0.0.1: <c>GET /orders/{orderNumber}</c> answers the order or 404; <see cref="Down"/> answers 503.</summary>
public sealed class GarEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _everything = new();
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);

    private GarEmulator(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>While true every request gets 503 Service Unavailable.</summary>
    public bool Down { get; set; }

    /// <summary>Called with the order number before each lookup is answered (to move the clock or change GAR meanwhile).</summary>
    public Action<string>? OnLookup { get; set; }

    /// <summary>Raw request paths of order lookups, in arrival order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Every request's method and raw target, whatever path it asked for (a lookup that escaped /orders/ shows here).</summary>
    public IReadOnlyList<string> AllRequests => _everything.ToArray();

    public static async Task<GarEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new GarEmulator(app);
        app.Use(async (context, next) =>
        {
            emulator._everything.Enqueue(context.Request.Method + " " + context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget);
            await next(context);
        });
        app.MapGet("/orders/{number}", (HttpContext context, string number) =>
        {
            // The raw target, as sent: Kestrel's decoded Path would hide how the client escaped the order number.
            emulator._requests.Enqueue(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "");
            emulator.OnLookup?.Invoke(number);
            if (emulator.Down)
            {
                return Results.StatusCode(503);
            }

            if (emulator._refused.TryGetValue(number, out var refusal))
            {
                return Results.Json(new JsonObject { ["error"] = "invalid order number" }, statusCode: refusal);
            }

            return emulator._orders.TryGetValue(number, out var order)
                ? Results.Content(order.ToJsonString(), "application/json")
                : Results.NotFound();
        });
        await app.StartAsync();
        emulator.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return emulator;
    }

    public void Add(string orderNumber, string status, string? validatedAt = null, string updatedAt = "2026-03-01T10:00:00Z") =>
        _orders[orderNumber] = new JsonObject { ["orderNumber"] = orderNumber, ["status"] = status, ["validatedAt"] = validatedAt, ["updatedAt"] = updatedAt };

    /// <summary>Every lookup of <paramref name="orderNumber"/> is answered with <paramref name="status"/> (400: GAR refuses the number).</summary>
    public void Refuse(string orderNumber, int status = 400) => _refused[orderNumber] = status;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
