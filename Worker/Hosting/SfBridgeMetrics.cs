using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SfBridge.Alerts;
using SfBridge.Rules;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Hosting;

/// <summary>
/// Every instrument of the <c>SfBridge</c> meter, recorded from a few central points (the job runner, the cycle's
/// reports, the HTTP handlers, the API usage monitor). Names and units follow OpenTelemetry's conventions; the
/// Prometheus exporter writes them as <c>sfbridge_cycles_total</c>, <c>sfbridge_cycle_duration_seconds</c> and so on
/// (README, "Health and metrics"). Labels never carry a record id, a query or a person.
/// </summary>
public sealed class SfBridgeMetrics : IDisposable
{
    public const string MeterName = "SfBridge";

    /// <summary>Job runs last from milliseconds (a sweep with nothing due) to minutes (a backfill).</summary>
    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Meter _meter;
    private readonly Counter<long> _cycles;
    private readonly Histogram<double> _cycleDuration;
    private readonly Counter<long> _judged;
    private readonly Counter<long> _findingsOpened;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _salesforceCalls;
    private readonly Counter<long> _garCalls;
    private long _apiRemaining = -1;
    private StateCounts? _state;

    public SfBridgeMetrics(IMeterFactory meters, InstanceInfo instance)
    {
        _meter = meters.Create(MeterName);
        _cycles = _meter.CreateCounter<long>("sfbridge.cycles", "{run}", "Job runs by job and outcome (ok, degraded, failed, stopped)");
        _cycleDuration = _meter.CreateHistogram("sfbridge.cycle.duration", "s", "Duration of each job run", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _judged = _meter.CreateCounter<long>("sfbridge.cases.judged", "{case}", "Cases the SLA sweep judged");
        _findingsOpened = _meter.CreateCounter<long>("sfbridge.findings.opened", "{finding}", "Findings that entered the ledger, by kind");
        _alerts = _meter.CreateCounter<long>("sfbridge.alerts", "{alert}",
            "Alert outcomes per dispatch run: posted, failed, unconfirmed, held, off_shift, withdrawn, awaiting_replies, acknowledged, snoozed");
        _salesforceCalls = _meter.CreateCounter<long>("sfbridge.salesforce.calls", "{call}",
            "HTTP requests sent to Salesforce (each retry counted), by endpoint kind and status code (unreachable: no response)");
        _garCalls = _meter.CreateCounter<long>("sfbridge.gar.calls", "{call}", "HTTP requests sent to GAR, by status code (unreachable: no response)");
        _meter.CreateObservableGauge("sfbridge.cases.tracked", () => Observe(s => s.Tracked), "{case}", "Cases the worker tracks (open, or closing)");
        _meter.CreateObservableGauge("sfbridge.findings", ObserveFindings, "{finding}", "Open findings in the ledger, by kind");
        _meter.CreateObservableGauge("sfbridge.quarantine.records", () => Observe(s => s.Quarantined), "{record}", "Records set aside in quarantine");
        _meter.CreateObservableGauge("sfbridge.salesforce.api_remaining", ObserveApiRemaining, "{call}",
            "Daily API calls the org has left, as the last Sforce-Limit-Info reported");
        _meter.CreateObservableGauge("sfbridge.cluster.role", () => new Measurement<int>(1,
                new KeyValuePair<string, object?>("instance", instance.InstanceId), new KeyValuePair<string, object?>("mode", instance.Clustered ? "clustered" : "single")),
            null, "This worker instance (always 1) and whether it runs clustered");
    }

    /// <summary>The metrics and the instance they describe (every host registers them; only the service exports them).</summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => sp.GetService<Microsoft.Extensions.Options.IOptions<Cluster.ClusterOptions>>()?.Value is { } cluster
            ? new InstanceInfo { InstanceId = cluster.Instance, Clustered = cluster.Enabled }
            : new InstanceInfo());
        services.TryAddSingleton<SfBridgeMetrics>();
        return services;
    }

    /// <summary>One job run: <paramref name="outcome"/> is ok, degraded, failed or stopped.</summary>
    public void RecordRun(string job, string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("job", job);
        _cycles.Add(1, tag, new KeyValuePair<string, object?>("outcome", outcome));
        _cycleDuration.Record(elapsed.TotalSeconds, tag);
    }

    public void RecordSweep(SweepReport report)
    {
        _judged.Add(report.Judged);
        foreach (var (kind, count) in report.OpenedByKind)
        {
            _findingsOpened.Add(count, new KeyValuePair<string, object?>("kind", kind.WireName()));
        }
    }

    public void RecordDispatch(DispatchReport report)
    {
        Alerts("posted", report.Posted);
        Alerts("failed", report.Failed);
        Alerts("unconfirmed", report.Unknown);
        Alerts("held", report.Held);
        Alerts("off_shift", report.OffShift);
        Alerts("withdrawn", report.Withdrawn);
        Alerts("awaiting_replies", report.RemindersLeft);
    }

    public void RecordReplies(int acknowledged, int snoozed)
    {
        Alerts("acknowledged", acknowledged);
        Alerts("snoozed", snoozed);
    }

    /// <summary>One HTTP attempt to Salesforce: <paramref name="status"/> is the status code, or unreachable.</summary>
    public void RecordSalesforceCall(string endpoint, string status) =>
        _salesforceCalls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("status", status));

    public void RecordGarCall(string status) => _garCalls.Add(1, new KeyValuePair<string, object?>("status", status));

    public void SetApiRemaining(long remaining) => Interlocked.Exchange(ref _apiRemaining, remaining);

    public void SetStateCounts(StateCounts counts) => Volatile.Write(ref _state, counts);

    public void Dispose() => _meter.Dispose();

    private void Alerts(string outcome, int count)
    {
        // Zero is added too, so every outcome's series exists from the first dispatch and rate() works from the start.
        _alerts.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Nothing until the state was first counted: an unknown value is left out, never reported as 0.</summary>
    private IEnumerable<Measurement<long>> Observe(Func<StateCounts, long> value) =>
        Volatile.Read(ref _state) is { } state ? [new Measurement<long>(value(state))] : [];

    private IEnumerable<Measurement<long>> ObserveFindings()
    {
        if (Volatile.Read(ref _state) is not { } state)
        {
            return [];
        }

        return Enum.GetValues<FindingKind>().Select(k => new Measurement<long>(state.OpenFindings.GetValueOrDefault(k.WireName()),
            new KeyValuePair<string, object?>("kind", k.WireName())));
    }

    private IEnumerable<Measurement<long>> ObserveApiRemaining() =>
        Interlocked.Read(ref _apiRemaining) is >= 0 and var remaining ? [new Measurement<long>(remaining)] : [];
}
