using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SfBridge.Salesforce;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Salesforce client. Handler order, outermost first: transport-failure mapping, authentication
    /// (instance URL, bearer token, one replay after an expired session), resilience (timeouts, retries, breaker),
    /// API accounting (every attempt counted, Sforce-Limit-Info read, API floor enforced), then each attempt's outcome
    /// (metrics by endpoint and status, the last one for the readiness check; token requests too).
    /// </summary>
    public static IServiceCollection AddSalesforce(this IServiceCollection services)
    {
        services.AddOptions<SalesforceOptions>().BindConfiguration(SalesforceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesforceOptions>, SalesforceOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        Hosting.SfBridgeMetrics.Register(services);
        services.TryAddSingleton<ApiUsageMonitor>();
        services.TryAddSingleton<SalesforceTokenProvider>();
        services.TryAddTransient<TransportFailureHandler>();
        services.TryAddTransient<SalesforceAuthHandler>();
        services.TryAddTransient<ApiUsageHandler>();
        services.TryAddTransient<CallOutcomeHandler>();

        // HttpClient's own loggers capture request headers as structured properties (redaction only covers the
        // rendered text), so Authorization could reach a JSON sink. They are removed; ApiUsageHandler logs each call.
        var auth = services.AddHttpClient(SalesforceTokenProvider.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TransportFailureHandler>();
        auth.AddResilienceHandler("salesforce-auth", (pipeline, context) => SalesforceResilience.ConfigureAuth(pipeline, context.ServiceProvider));
        auth.AddHttpMessageHandler<CallOutcomeHandler>();

        var client = services.AddHttpClient<SalesforceClient>(http =>
            {
                http.BaseAddress = SalesforceAuthHandler.Placeholder;
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TransportFailureHandler>()
            .AddHttpMessageHandler<SalesforceAuthHandler>();
        client.AddResilienceHandler("salesforce", (pipeline, context) => SalesforceResilience.Configure(pipeline, context.ServiceProvider));
        client.AddHttpMessageHandler<ApiUsageHandler>();
        client.AddHttpMessageHandler<CallOutcomeHandler>();

        // Polly's telemetry logs every attempt and event at Warning with the exception's stack trace (hundreds of lines
        // for one unreachable org): its loggers are switched off, its metrics stay, and the pipelines log one line per
        // retry themselves. PostConfigure, so it holds whichever resilience handler registered Polly first.
        services.PostConfigure<Polly.Telemetry.TelemetryOptions>(o => o.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return services;
    }
}
