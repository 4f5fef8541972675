using Microsoft.Extensions.Options;
using Quartz;

namespace SfBridge.Sync;

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        Check("CaseSync", options.CaseSync);
        Check("OmniChannelSync", options.OmniChannelSync);
        Check("SlaSweep", options.SlaSweep);
        Check("AlertDispatch", options.AlertDispatch);
        Check("GarAudit", options.GarAudit);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string job, JobSchedule schedule)
        {
            if (schedule.Cron is { Length: > 0 } cron)
            {
                if (!CronExpression.TryParse(cron, out _))
                {
                    failures.Add($"Jobs:{job}:Cron '{cron}' is not a Quartz cron expression (seconds first, e.g. \"0 */2 * ? * MON-FRI\")");
                }
            }
            else if (schedule.Cron is not { Length: > 0 } && schedule.Interval < TimeSpan.FromSeconds(5))
            {
                failures.Add($"Jobs:{job}:Interval must be at least 00:00:05, not {schedule.Interval}");
            }
        }
    }
}
