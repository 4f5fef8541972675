using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SfBridge.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>One store instance, chosen by State:Provider, behind both state interfaces.</summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services)
    {
        services.AddSingleton<AdoStateStore>(sp => sp.GetRequiredService<IOptions<StateOptions>>().Value.Provider == "postgres"
            ? ActivatorUtilities.CreateInstance<PostgresStateStore>(sp)
            : ActivatorUtilities.CreateInstance<SqliteStateStore>(sp));
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<AdoStateStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<AdoStateStore>());
        return services;
    }
}
