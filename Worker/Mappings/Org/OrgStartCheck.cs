using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBridge.Salesforce;

namespace SfBridge.Mappings.Org;

/// <summary>
/// The org check as <c>run</c> (and <c>run --once</c>) does it before the first job: a problem that would make every sync
/// fail (a field the case query selects that the integration user cannot read) refuses the start with one
/// <c>Configuration error:</c> line per problem; every other problem is one warning in the log. Bounded by
/// <c>Salesforce:OrgCheckTimeout</c>; an org that cannot be reached or refuses the login does not stop the start (the
/// jobs report that as they run). <c>Salesforce:CheckOrgAtStart=false</c> skips it.
/// </summary>
public static class OrgStartCheck
{
    /// <summary>False when the worker must not start.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, TextWriter stderr, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrgStartCheck));
        var options = services.GetRequiredService<IOptions<SalesforceOptions>>().Value;
        if (!options.CheckOrgAtStart)
        {
            OrgCheckLog.Skipped(logger);
            return true;
        }

        var usage = services.GetRequiredService<ApiUsageMonitor>();
        var before = usage.CallsByEndpoint;
        using var timeout = new CancellationTokenSource(options.OrgCheckTimeout, services.GetRequiredService<TimeProvider>());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        OrgCheckResult result;
        try
        {
            result = await OrgCheck.RunAsync(services.GetRequiredService<SalesforceClient>(), services.GetRequiredService<PolicyProvider>().Current,
                services.GetRequiredService<IOptions<MappingsOptions>>().Value.Path, limit.Token);
        }
        catch (Exception ex) when (ex is SalesforceApiException or FormatException) // FormatException: a record the org sent malformed
        {
            OrgCheckLog.CouldNotCheck(logger, ex.Message);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            OrgCheckLog.TimedOut(logger, options.OrgCheckTimeout);
            return true;
        }

        foreach (var problem in result.Problems)
        {
            if (problem.StopsWorker)
            {
                await stderr.WriteLineAsync($"Configuration error: {problem}");
            }
            else
            {
                OrgCheckLog.Problem(logger, problem.ToString());
            }
        }

        OrgCheckLog.Checked(logger, result.Problems.Count, result.Checked, OrgCheck.Calls(before, usage.CallsByEndpoint));
        return !result.StopsWorker;
    }
}
