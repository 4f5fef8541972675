namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>Faults armed by tests, consumed by matching requests in order.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, int Left, int Skip)> _armed = [];
    private TaskCompletionSource _slowStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, (string Code, string Message, int Left)> _recordFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Code, string Message)> _feedFailures = new(StringComparer.OrdinalIgnoreCase);
    private int? _expireSessionsAfter;

    /// <summary>Arms a fault. Endpoint names: token, query, queryMore, queryAll, limits, sobject, composite-sobjects,
    /// chatter-post, chatter-batch, chatter-feed, or * for any data call.</summary>
    public void Add(Fault fault)
    {
        lock (_gate)
        {
            _armed.Add((fault, fault.Times, fault.After));
        }
    }

    /// <summary>Every session issued so far stops working after <paramref name="requests"/> more data calls.</summary>
    public void ExpireSessionsAfter(int requests)
    {
        lock (_gate)
        {
            _expireSessionsAfter = requests;
        }
    }

    /// <summary>Updates of this record fail with the given per-record error (<paramref name="times"/> times, or always).</summary>
    public void FailRecord(string id, string statusCode, string message, int times = int.MaxValue)
    {
        lock (_gate)
        {
            _recordFailures[id] = (statusCode, message, times);
        }
    }

    /// <summary>Feed posts on this record fail inside a batch (and alone) with the given Connect error.</summary>
    public void FailFeedPosts(string subjectId, string errorCode, string message)
    {
        lock (_gate)
        {
            _feedFailures[subjectId] = (errorCode, message);
        }
    }

    /// <summary>Completes when a request starts waiting in a Slow fault (the worker is now mid-request).</summary>
    public Task SlowRequestStarted => _slowStarted.Task;

    private static readonly AsyncLocal<TimeSpan?> Deferral = new();

    /// <summary>While a <see cref="FaultKind.LateCompletion"/> request is served: how long its effect waits to appear.</summary>
    internal static TimeSpan? CurrentDeferral => Deferral.Value;

    internal static void Defer(TimeSpan? delay) => Deferral.Value = delay;

    internal void SignalSlowStarted() => _slowStarted.TrySetResult();

    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
            _recordFailures.Clear();
            _feedFailures.Clear();
            _expireSessionsAfter = null;
        }
    }

    internal Fault? Take(string endpoint)
    {
        lock (_gate)
        {
            var index = _armed.FindIndex(a => a.Fault.Endpoint == endpoint || (a.Fault.Endpoint == "*" && endpoint is not ("token" or "versions")));
            if (index < 0)
            {
                return null;
            }

            var (fault, left, skip) = _armed[index];
            if (skip > 0)
            {
                _armed[index] = (fault, left, skip - 1);
                return null;
            }

            if (left <= 1)
            {
                _armed.RemoveAt(index);
            }
            else
            {
                _armed[index] = (fault, left - 1, 0);
            }

            return fault;
        }
    }

    /// <summary>Counts a data call towards a scheduled session expiry; true when sessions must expire now.</summary>
    internal bool CountTowardsExpiry()
    {
        lock (_gate)
        {
            if (_expireSessionsAfter is not { } left)
            {
                return false;
            }

            if (left > 0)
            {
                _expireSessionsAfter = left - 1;
                return false;
            }

            _expireSessionsAfter = null;
            return true;
        }
    }

    internal (string Code, string Message)? RecordFailure(string id)
    {
        lock (_gate)
        {
            if (!_recordFailures.TryGetValue(id, out var failure))
            {
                return null;
            }

            if (failure.Left <= 1)
            {
                _recordFailures.Remove(id);
            }
            else if (failure.Left != int.MaxValue)
            {
                _recordFailures[id] = failure with { Left = failure.Left - 1 };
            }

            return (failure.Code, failure.Message);
        }
    }

    internal (string Code, string Message)? FeedFailure(string subjectId)
    {
        lock (_gate)
        {
            return _feedFailures.TryGetValue(subjectId, out var f) ? f : null;
        }
    }
}
