using System.Collections.Concurrent;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>One request the emulator received (headers limited to the Salesforce ones tests assert on).</summary>
public sealed record ReceivedRequest(string Method, string Host, string Path, string Query, string Endpoint, string? QueryOptions, string? AutoAssign, int Status)
{
    /// <summary>The Content-Length header as sent (null when the body came chunked or there was none).</summary>
    public long? ContentLength { get; init; }

    /// <summary>The Transfer-Encoding header as sent (e.g. "chunked"), or null.</summary>
    public string? TransferEncoding { get; init; }

    /// <summary>The object a query or queryMore read (null for other requests).</summary>
    public string? SObject { get; init; }

    /// <summary>Records on the query page served, or records in a collection or Chatter batch request (null otherwise).</summary>
    public int? Records { get; init; }
}

/// <summary>Counts every request by endpoint so tests can assert API calls per cycle.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public IReadOnlyList<ReceivedRequest> All => _requests.ToArray();

    public int Count(string endpoint) => _requests.Count(r => r.Endpoint == endpoint);

    /// <summary>Calls that count against the org's API allocation (everything but token and versions).</summary>
    public int ApiCalls => _requests.Count(r => r.Endpoint is not ("token" or "versions"));

    public IReadOnlyDictionary<string, int> ByEndpoint =>
        _requests.GroupBy(r => r.Endpoint).ToDictionary(g => g.Key, g => g.Count());

    public void Clear() => _requests.Clear();

    internal void Add(ReceivedRequest request) => _requests.Enqueue(request);
}
