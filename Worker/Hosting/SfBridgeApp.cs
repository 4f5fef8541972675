using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using SfBridge.Gar;
using SfBridge.Hosting.Health;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.State;

namespace SfBridge.Hosting;

/// <summary>Builds the host for a command and runs it; turns configuration errors into one line and an exit code.</summary>
public static class SfBridgeApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stderr = null, TextWriter? stdout = null)
    {
        stderr ??= Console.Error;
        stdout ??= Console.Out;
        // Texts, keys and dates are written alike on every host: under a German locale "02/03/2026" came out "02.03.2026",
        // and under a Thai one a date key would carry the Buddhist year.
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        var parsed = CommandLineSyntax.Parse(args, (command, _) => RunCommandAsync(command, stdout, stderr));
        foreach (var error in parsed.Errors)
        {
            await stderr.WriteLineAsync(error);
        }

        if (parsed.Errors.Count > 0)
        {
            return RunOutcome.UsageError;
        }

        // The command's action, or help or the version. SIGTERM and exceptions stay the host's and ours, not the parser's.
        using var english = parsed.Command is null ? CommandLineSyntax.English() : null;
        return await parsed.Result.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false,
        });
    }

    private static async Task<int> RunCommandAsync(CommandLine command, TextWriter stdout, TextWriter stderr)
    {
        if (command.Command == CommandLine.Health)
        {
            return await HealthCommand.RunAsync(command, stdout, stderr);
        }

        if (command.Command is CommandLine.Audit or CommandLine.ValidateMappings or CommandLine.Explain or CommandLine.Replay)
        {
            return await RunOfflineAsync(command, stdout, stderr);
        }

        IHost host;
        try
        {
            host = CreateHost(command);
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            await stderr.WriteLineAsync("Configuration error: " + line);
            return RunOutcome.ConfigurationError;
        }

        using var _ = host;
        try
        {
            // Validated here, before the host starts, so a bad setting is one line per key and not a stack trace.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            await stderr.WriteLineAsync("Configuration error: " + line); // a value of the wrong type, for any options class
            return RunOutcome.ConfigurationError;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            // Several option sets failing arrive as one AggregateException: report every failure, one line each.
            var failures = ex is AggregateException all ? all.Flatten().InnerExceptions.OfType<OptionsValidationException>() : [(OptionsValidationException)ex];
            foreach (var failure in failures.SelectMany(f => f.Failures))
            {
                await stderr.WriteLineAsync("Configuration error: " + failure);
            }

            return RunOutcome.ConfigurationError;
        }

        if (!await StartupPreparation.PrepareAsync(host, command, stderr, CancellationToken.None))
        {
            return RunOutcome.ConfigurationError;
        }

        // Listening before the host starts: an address in use is one line and exit 3, before any job runs.
        if (host.Services.GetService<HealthEndpoint>() is { } health && await health.ListenAsync(CancellationToken.None) is { } problem)
        {
            await stderr.WriteLineAsync("Configuration error: " + problem);
            return RunOutcome.ConfigurationError;
        }

        // Last, once everything local is known good: the mappings against the org (Salesforce:CheckOrgAtStart).
        if (!await SfBridge.Mappings.Org.OrgStartCheck.RunAsync(host.Services, stderr, CancellationToken.None))
        {
            return RunOutcome.ConfigurationError;
        }

        var outcome = host.Services.GetRequiredService<RunOutcome>(); // RunAsync disposes the host
        await host.RunAsync();
        return outcome.ExitCode;
    }

    /// <summary>audit, validate-mappings, explain and replay: no host; only Mappings:Path (State:* for --state, Salesforce:* for validate-mappings --org) are read from configuration.</summary>
    private static async Task<int> RunOfflineAsync(CommandLine command, TextWriter stdout, TextWriter stderr)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(command.ConfigurationArgs.ToArray())
            .Build();
        var mappings = configuration[$"{MappingsOptions.SectionName}:Path"] ?? "mappings";
        if (command.Command is CommandLine.Explain or CommandLine.Replay)
        {
            StateOptions state;
            int maxAttempts;
            try
            {
                state = configuration.GetSection(StateOptions.SectionName).Get<StateOptions>() ?? new StateOptions();
                maxAttempts = configuration.GetValue<int?>($"{Alerts.AlertsOptions.SectionName}:{nameof(Alerts.AlertsOptions.MaxAttempts)}") ?? new Alerts.AlertsOptions().MaxAttempts;
            }
            catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
            {
                await stderr.WriteLineAsync("Configuration error: " + line); // a value of the wrong type (State:RunsRetention=30d)
                return RunOutcome.ConfigurationError;
            }

            return command.Command == CommandLine.Explain
                ? await ExplainCommand.RunAsync(command.Options, mappings, state, TimeProvider.System, stdout, stderr, maxAttempts)
                : await ReplayCommand.RunAsync(command.Options, mappings, state, TimeProvider.System, stdout, stderr);
        }

        return command.Command == CommandLine.Audit
            ? OfflineCommands.Audit(command.Options, mappings, TimeProvider.System, stdout, stderr)
            : command.Options.ContainsKey("org") ? await SfBridge.Mappings.Org.OrgCheckCommand.RunAsync(command.Options.GetValueOrDefault("mappings", mappings), configuration, stdout, stderr)
            : OfflineCommands.ValidateMappings(command.Options.GetValueOrDefault("mappings", mappings), stdout, stderr);
    }

    internal static IHost CreateHost(CommandLine command, Action<IServiceCollection>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = command.ConfigurationArgs.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Every environment, not only Development: a service that cannot be built fails at start, not on first use.
        builder.ConfigureContainer(new Microsoft.Extensions.DependencyInjection.DefaultServiceProviderFactory(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Services.AddSerilog((_, logger) => SerilogSetup.Configure(logger, builder.Configuration, toStandardError: false));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSystemd(); // READY=1 / STOPPING=1 under systemd (Type=notify); nothing otherwise
        builder.AddSfBridge(command);
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Every folder's registrations, in data-flow order.</summary>
    public static IHostApplicationBuilder AddSfBridge(this IHostApplicationBuilder builder, CommandLine command)
    {
        var services = builder.Services;
        services.AddSingleton<RunOutcome>();
        services.AddSalesforce();
        services.AddSingleton<IValidateOptions<StateOptions>, StateOptionsValidator>();
        services.AddOptions<MappingsOptions>().BindConfiguration(MappingsOptions.SectionName).ValidateOnStart();
        services.AddOptions<LoggingOptions>().BindConfiguration(LoggingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoggingOptions>, LoggingOptionsValidator>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers()); // HttpClientFactory's per-request lines: ours say it once
        services.AddSingleton<IValidateOptions<GarOptions>, GarOptionsValidator>();
        services.AddHealthEndpoint(builder.Configuration, command);
        services.AddSync(builder.Configuration, command.Once);
        return builder;
    }
}
