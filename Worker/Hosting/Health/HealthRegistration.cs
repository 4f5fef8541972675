using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace SfBridge.Hosting.Health;

/// <summary>The health checks, the metrics export and the endpoint serving them: the service only, and only when Health:Url is set.</summary>
public static class HealthRegistration
{
    /// <summary>
    /// <c>run --once</c> serves nothing: it exits after one cycle, before any probe or scrape could matter, and its exit
    /// code is its health. The SfBridge meter is exported only from this host's own instruments (MeterScope.Local),
    /// so several workers in one process (the tests) never mix their figures.
    /// </summary>
    public static IServiceCollection AddHealthEndpoint(this IServiceCollection services, IConfiguration configuration, CommandLine command)
    {
        if (command.Once)
        {
            return services;
        }

        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        var options = configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return services;
        }

        // A bad timeout is reported by the validator before anything starts; never throw while registering.
        var timeout = options.CheckTimeout > TimeSpan.Zero ? options.CheckTimeout : TimeSpan.FromSeconds(5);
        string[] live = [HealthReportCache.Live, HealthReportCache.Ready];
        string[] ready = [HealthReportCache.Ready];
        services.AddHealthChecks()
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: live, timeout: timeout)
            .AddCheck<SalesforceHealthCheck>("salesforce", tags: ready, timeout: timeout)
            .AddCheck<ApiBudgetHealthCheck>("api-budget", tags: ready, timeout: timeout)
            .AddCheck<GarHealthCheck>("gar", tags: ready, timeout: timeout)
            .AddCheck<StateHealthCheck>("state", tags: ready, timeout: timeout)
            .AddCheck<CycleHealthCheck>("cycle", tags: ready, timeout: timeout);
        services.AddSingleton<HealthReportCache>();

        services.AddMetrics(metrics => metrics.EnableMetrics(SfBridgeMetrics.MeterName, instrumentName: null, listenerName: "OpenTelemetry", scopes: MeterScope.Local));
        // Scrapes are not cached: a scrape every 15 s costs nothing, and a figure is never older than the scrape.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sfbridge"))
            .WithMetrics(metrics => metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddSingleton<HealthEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
        return services;
    }
}
