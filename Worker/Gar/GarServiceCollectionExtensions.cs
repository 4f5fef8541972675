using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Salesforce;

namespace SfBridge.Gar;

public static class GarServiceCollectionExtensions
{
    /// <summary>
    /// The GAR typed client: base address from Gar:BaseUrl, the same resilience pipeline as Salesforce, and each attempt
    /// recorded in the <see cref="GarCallLog"/> (metrics, readiness).
    /// </summary>
    public static IServiceCollection AddGar(this IServiceCollection services)
    {
        services.AddSingleton<GarCallLog>();
        services.AddTransient<GarCallHandler>();
        var gar = services.AddHttpClient<GarClient>((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<GarOptions>>().Value.BaseUrl;
                http.BaseAddress = new Uri((string.IsNullOrWhiteSpace(baseUrl) ? "https://gar.invalid" : baseUrl).TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers();
        gar.AddResilienceHandler("gar", (pipeline, context) => SalesforceResilience.Configure(pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<GarOptions>>().Value.Resilience, context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILogger<GarClient>>(), "GAR"));
        gar.AddHttpMessageHandler<GarCallHandler>();
        return services;
    }
}
