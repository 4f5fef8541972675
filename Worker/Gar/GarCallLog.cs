using SfBridge.Salesforce;

namespace SfBridge.Gar;

/// <summary>Every GAR call counted in the metrics by status; the last one kept for the readiness check.</summary>
public sealed class GarCallLog(Hosting.SfBridgeMetrics metrics, TimeProvider time)
{
    private CallOutcome? _last;

    /// <summary>How the last HTTP attempt to GAR ended; null before the first.</summary>
    public CallOutcome? LastCall => Volatile.Read(ref _last);

    internal void Record(string status)
    {
        metrics.RecordGarCall(status);
        Volatile.Write(ref _last, new CallOutcome(time.GetUtcNow(), "orders", status));
    }
}
