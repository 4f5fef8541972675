using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// <c>validate-mappings --org</c>: the offline checks, then the same folder against the org the Salesforce settings name
/// (the keys <c>run</c> reads). Problems go to standard error, one line each with file:line:column; the summary and the
/// API calls made to standard output. Exit 0 when the mappings fit the org, 3 for mapping or configuration problems
/// (as without --org), 1 when the org could not be checked (unreachable, login refused, out of time).
/// </summary>
public static class OrgCheckCommand
{
    public const int OrgUnavailable = 1;
    public const int Problems = 3;

    public static async Task<int> RunAsync(string folder, IConfiguration configuration, TextWriter stdout, TextWriter stderr, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var offline = Audit.OfflineCommands.ValidateMappings(folder, stdout, stderr, time);
        if (offline != Hosting.RunOutcome.Success)
        {
            return offline;
        }

        await using var services = Services(configuration, time);
        SalesforceOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<SalesforceOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await stderr.WriteLineAsync("Configuration error: " + failure);
            }

            return Problems;
        }
        catch (Exception ex) when (Hosting.StartupFailure.Describe(ex) is { } line)
        {
            await stderr.WriteLineAsync("Configuration error: " + line); // a value of the wrong type (Salesforce:OrgCheckTimeout=30s)
            return Problems;
        }

        var org = Hosting.StartupPreparation.OrgUrl(options.LoginUrl);
        var usage = services.GetRequiredService<ApiUsageMonitor>();
        var before = usage.CallsByEndpoint;
        using var limit = new CancellationTokenSource(options.OrgCheckTimeout, time);
        OrgCheckResult result;
        try
        {
            result = await OrgCheck.RunAsync(services.GetRequiredService<SalesforceClient>(), MappingLoader.Load(folder).Policy!, folder, limit.Token);
        }
        catch (Exception ex) when (ex is SalesforceApiException or FormatException || (ex is OperationCanceledException && limit.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within Salesforce:OrgCheckTimeout ({options.OrgCheckTimeout})" : ex.Message;
            await stderr.WriteLineAsync($"the org {org} could not be checked: {ChatterText.OneLine(reason)}");
            await stdout.WriteLineAsync(OrgCheck.Calls(before, usage.CallsByEndpoint));
            return OrgUnavailable;
        }

        foreach (var problem in result.Problems)
        {
            await stderr.WriteLineAsync(problem.StopsWorker ? $"{problem} (the worker refuses to start)" : problem.ToString());
        }

        if (result.Problems.Count > 0)
        {
            await stderr.WriteLineAsync($"{result.Problems.Count} problems in {folder} against the org {org}");
        }
        else
        {
            await stdout.WriteLineAsync($"the org {org}: OK: {result.Checked}");
        }

        await stdout.WriteLineAsync(OrgCheck.Calls(before, usage.CallsByEndpoint));
        return result.Problems.Count > 0 ? Problems : Hosting.RunOutcome.Success;
    }

    /// <summary>The worker's Salesforce client, as <c>run</c> registers it; warnings (retries, a refused login) go to standard error.</summary>
    private static ServiceProvider Services(IConfiguration configuration, TimeProvider time)
    {
        var logger = Hosting.SerilogSetup.Configure(new LoggerConfiguration(), configuration, toStandardError: true)
            .MinimumLevel.Override("SfBridge", Serilog.Events.LogEventLevel.Warning)
            .CreateLogger();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(time);
        services.AddLogging(b => b.AddSerilog(logger, dispose: true));
        services.AddSalesforce();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
