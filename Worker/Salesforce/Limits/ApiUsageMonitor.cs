using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SfBridge.Salesforce;

/// <summary>
/// Remembers the latest <c>Sforce-Limit-Info</c>, counts the calls SfBridge made, and decides when calls must pause
/// because the org's remaining daily calls fell under <see cref="SalesforceOptions.ApiCallFloor"/>. Feeds the metrics
/// <c>sfbridge.salesforce.calls</c> (every attempt, by endpoint and status) and <c>sfbridge.salesforce.api_remaining</c>,
/// and keeps the last attempt's outcome for the readiness check.
/// </summary>
public sealed class ApiUsageMonitor
{
    private readonly IOptionsMonitor<SalesforceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiUsageMonitor> _logger;
    private readonly Hosting.SfBridgeMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _callsByEndpoint = new(StringComparer.Ordinal);
    private ApiUsage? _latest;
    private CallOutcome? _lastCall;
    private DateTimeOffset? _pausedUntil;
    private long _calls;

    public ApiUsageMonitor(IOptionsMonitor<SalesforceOptions> options, TimeProvider time, ILogger<ApiUsageMonitor> logger, Hosting.SfBridgeMetrics metrics)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Latest usage reported by the org, if any response carried it yet.</summary>
    public ApiUsage? Latest
    {
        get { lock (_gate) { return _latest; } }
    }

    /// <summary>How the last HTTP attempt to Salesforce (token or data) ended; null before the first.</summary>
    public CallOutcome? LastCall
    {
        get { lock (_gate) { return _lastCall; } }
    }

    /// <summary>Requests SfBridge sent to Salesforce since start (token requests included, retries counted each).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests per endpoint kind (token, query, sobjects, composite, chatter, limits, other).</summary>
    public IReadOnlyDictionary<string, long> CallsByEndpoint
    {
        get { lock (_gate) { return new Dictionary<string, long>(_callsByEndpoint); } }
    }

    internal void RecordCall(string endpoint)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            _callsByEndpoint[endpoint] = _callsByEndpoint.GetValueOrDefault(endpoint) + 1;
        }
    }

    /// <summary>One attempt's outcome: status code, unreachable or cancelled (see <see cref="CallOutcome"/>).</summary>
    internal void RecordOutcome(string endpoint, string status)
    {
        _metrics.RecordSalesforceCall(endpoint, status);
        var outcome = new CallOutcome(_time.GetUtcNow(), endpoint, status);
        lock (_gate)
        {
            _lastCall = outcome;
        }
    }

    internal void Record(ApiUsage usage)
    {
        var floor = _options.CurrentValue.ApiCallFloor;
        bool crossed;
        lock (_gate)
        {
            _latest = usage;
            crossed = floor > 0 && usage.Remaining < floor && _pausedUntil is null;
            if (crossed)
            {
                _pausedUntil = _time.GetUtcNow() + _options.CurrentValue.ApiFloorPause;
            }
            else if (floor == 0 || usage.Remaining >= floor)
            {
                _pausedUntil = null;
            }
        }

        _metrics.SetApiRemaining(usage.Remaining);
        SalesforceLog.ApiUsage(_logger, usage.Used, usage.Max);
        if (crossed)
        {
            SalesforceLog.ApiFloorReached(_logger, usage.Remaining, floor, _options.CurrentValue.ApiFloorPause);
        }
    }

    /// <summary>
    /// Throws <see cref="ApiBudgetPausedException"/> while paused. When the pause has elapsed one call is let through
    /// (and the pause re-armed) so its <c>Sforce-Limit-Info</c> tells whether usage recovered.
    /// </summary>
    internal void EnsureBudget()
    {
        lock (_gate)
        {
            if (_pausedUntil is not { } until)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (now >= until)
            {
                _pausedUntil = now + _options.CurrentValue.ApiFloorPause;
                return;
            }

            throw new ApiBudgetPausedException(_latest ?? default, _options.CurrentValue.ApiCallFloor, until);
        }
    }

}
