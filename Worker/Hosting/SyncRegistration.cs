using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using SfBridge.Mappings;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Hosting;

/// <summary>State, policy, sync services and their schedule.</summary>
public static class SyncRegistration
{
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration, bool once)
    {
        services.AddCycle();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<IValidateOptions<MappingsOptions>, MappingsOptionsValidator>();
        services.AddSingleton<Cluster.PostgresCoordination>();
        services.AddHostedService<StateMigrationService>();
        if (once)
        {
            services.AddHostedService<OnceCycleService>();
            return services;
        }

        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        // Bound here only to choose the store: an invalid value is reported by the validators before anything starts.
        var cluster = TryGet<Cluster.ClusterOptions>(configuration, Cluster.ClusterOptions.SectionName);
        var state = TryGet<StateOptions>(configuration, StateOptions.SectionName);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "SfBridge";
                o.InstanceId = cluster.Instance;
            });
            if (cluster.Enabled && state.Provider == "postgres" && !string.IsNullOrWhiteSpace(state.ConnectionString))
            {
                // Quartz's clustered job store in the state database: each fire runs on exactly one worker, a worker that
                // stops checking in has its work taken over. Its tables are created by the migration step (PostgresCoordination).
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(db => db.ConnectionString = state.ConnectionString!);
                    store.ConfigureStore(o => o.TablePrefix = Cluster.PostgresCoordination.SchedulerTablePrefix);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = cluster.CheckinInterval;
                        c.CheckinMisfireThreshold = cluster.CheckinInterval;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { }); // schedules only: every durable fact (watermarks, ledger) lives in the state store
            }

            Schedule<CaseSyncJob>(q, Cycle.CaseSync, jobs.CaseSync);
            Schedule<OmniChannelSyncJob>(q, Cycle.OmniChannelSync, jobs.OmniChannelSync);
            Schedule<SlaSweepJob>(q, Cycle.SlaSweep, jobs.SlaSweep);
            Schedule<AlertDispatchJob>(q, Cycle.AlertDispatch, jobs.AlertDispatch);
            Schedule<GarAuditJob>(q, Cycle.GarAudit, jobs.GarAudit);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The services of one cycle (sync, GAR audit, sweep, dispatch) with their options, state and policy; no schedule.</summary>
    public static IServiceCollection AddCycle(this IServiceCollection services)
    {
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.SectionName).ValidateOnStart();
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName)
            .Validate(o => o.SweepBatch is >= 1 and <= 100_000, $"{SyncOptions.SectionName}:{nameof(SyncOptions.SweepBatch)} must be between 1 and 100000")
            // A negative overlap reads from after the watermark, and a negative backfill from the future: both would miss records.
            .Validate(o => o.Overlap >= TimeSpan.Zero, $"{SyncOptions.SectionName}:{nameof(SyncOptions.Overlap)} must not be negative")
            .Validate(o => o.AgentWorkBackfillDays >= 0, $"{SyncOptions.SectionName}:{nameof(SyncOptions.AgentWorkBackfillDays)} must not be negative")
            .ValidateOnStart();
        services.AddOptions<Alerts.AlertsOptions>().BindConfiguration(Alerts.AlertsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Alerts.AlertsOptions>, Alerts.AlertsOptionsValidator>();
        services.AddOptions<Gar.GarOptions>().BindConfiguration(Gar.GarOptions.SectionName).ValidateOnStart();
        services.AddOptions<Cluster.ClusterOptions>().BindConfiguration(Cluster.ClusterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Cluster.ClusterOptions>, Cluster.ClusterOptionsValidator>();
        services.AddSingleton<PolicyProvider>();
        services.AddStateStore();
        services.AddTransient<Alerts.AlertDispatcher>();
        services.AddTransient<Alerts.CriticalMarker>();
        services.AddTransient<Alerts.AcknowledgementReader>();
        services.AddTransient<Alerts.MorningSummary>();
        services.AddTransient<Gar.GarAuditService>();
        Gar.GarServiceCollectionExtensions.AddGar(services);
        services.AddTransient<CaseSyncService>();
        services.AddTransient<OmniChannelSyncService>();
        services.AddTransient<SlaSweepService>();
        services.AddSingleton<SweepMemory>();
        services.AddSingleton<DueWatch>();
        services.AddSingleton<CycleGate>();
        services.AddSingleton<MentionGapLog>();
        services.AddSingleton<JobHistory>();
        services.AddTransient<JobRunner>();
        services.AddTransient<Cycle>();
        return services;
    }

    private static T TryGet<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException)
        {
            return new T(); // a wrong-typed value: the options validation at start reports it with its key
        }
    }

    /// <summary>
    /// Missed fires (a long pause, a slow cycle) are not replayed in a burst: interval jobs skip to the next
    /// slot, cron jobs do nothing until their next time. Each run catches up through its watermark anyway.
    /// </summary>
    private static void Schedule<T>(IQuartzBuilder q, string name, JobSchedule schedule)
        where T : IJob
    {
        q.AddJob<T>(j => j.WithIdentity(name).DisallowConcurrentExecution(true));
        // An unparsable cron is reported by JobsOptionsValidator before anything starts; never throw while building.
        IScheduleBuilder when = schedule.Cron is { Length: > 0 } cron && CronExpression.TryParse(cron, out var expression)
            ? CronScheduleBuilder.Create(expression).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)
            : SimpleScheduleBuilder.Create().WithInterval(schedule.Interval).RepeatForever()
                .MeasureIntervalFromCompletion(true).WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount);
        q.AddTrigger<T>(t => t.ForJob(name).WithIdentity(name).StartNow().WithSchedule(when));
    }
}
