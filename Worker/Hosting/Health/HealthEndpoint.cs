using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace SfBridge.Hosting.Health;

/// <summary>
/// Serves /health/live, /health/ready and /metrics on Health:Url with a small Kestrel application of its own, inside
/// the worker's Generic Host: the worker stays a worker (no web host around the jobs), and the endpoint reads the
/// worker's own checks and meter provider. <c>run</c> listens before the host starts (<see cref="ListenAsync"/>), so an
/// address already in use is one line and exit code 3 before any job runs.
/// </summary>
public sealed partial class HealthEndpoint(IOptions<HealthOptions> options, HealthReportCache reports, MeterProvider meters, ILogger<HealthEndpoint> logger)
    : IHostedService, IAsyncDisposable
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    private WebApplication? _app;

    /// <summary>The address it listens on (the real port when Health:Url asked for port 0); null until listening.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Starts listening; returns why it cannot (the address is in use or not this machine's), or null.</summary>
    public async Task<string?> ListenAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            return null;
        }

        var url = options.Value.Url!.Trim();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet(LivePath, (RequestDelegate)(async context => await HealthResponse.WriteAsync(context, await reports.GetAsync(HealthReportCache.Live, context.RequestAborted))));
        app.MapGet(ReadyPath, (RequestDelegate)(async context => await HealthResponse.WriteAsync(context, await reports.GetAsync(HealthReportCache.Ready, context.RequestAborted))));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, path: MetricsPath, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            await app.DisposeAsync();
            return $"Health:Url {url} cannot be listened on: {ex.Message}";
        }

        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        Address = new Uri(bound.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        Listening(logger, bound);
        return null;
    }

    /// <summary>Listens now unless <see cref="ListenAsync"/> already did (a host started without <see cref="SfBridgeApp"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await ListenAsync(cancellationToken) is { } problem)
        {
            throw new IOException(problem);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(7001, LogLevel.Information, "Health and metrics endpoint listening on {Url} (/health/live, /health/ready, /metrics)")]
    private static partial void Listening(ILogger logger, string url);
}
