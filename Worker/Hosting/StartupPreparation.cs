using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Hosting;

/// <summary>
/// What <c>run</c> does once its settings are valid and before the host starts: one line saying what this worker is and
/// what it works on, then the state database claimed and migrated, so a database that cannot be used is one line and
/// exit code 3 instead of a host that fails to start with a stack trace.
/// </summary>
internal static class StartupPreparation
{
    public static async Task<bool> PrepareAsync(IHost host, CommandLine command, TextWriter stderr, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var state = services.GetRequiredService<IOptions<StateOptions>>().Value;
        HostingLog.Starting(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SfBridgeApp)), Version,
            command.Once ? "run --once" : command.Command, OrgUrl(services.GetRequiredService<IOptions<SalesforceOptions>>().Value.LoginUrl),
            state.Provider, StateConnection.Location(state), Path.GetFullPath(services.GetRequiredService<IOptions<MappingsOptions>>().Value.Path));
        try
        {
            // The same step the host runs first (then with nothing left to do): claim the database, migrate it.
            await ActivatorUtilities.CreateInstance<StateMigrationService>(services).StartAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            await stderr.WriteLineAsync("Configuration error: " + line);
            return false;
        }
    }

    /// <summary>The assembly's informational version (e.g. 1.0.0+commit).</summary>
    public static string Version =>
        typeof(SfBridgeApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The login URL without user info, query or fragment: nothing secret can ride along into the log.</summary>
    internal static string OrgUrl(string? loginUrl) =>
        Uri.TryCreate(loginUrl, UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(none)";
}
