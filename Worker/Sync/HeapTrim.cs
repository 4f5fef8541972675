using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SfBridge.Sync;

/// <summary>
/// Keeps a job that reads or judges many cases (the first case sync, a full sweep) from growing the process by more
/// than it holds: every <see cref="CheckEvery"/> records it looks at the resident memory, and when that has grown by
/// <see cref="Growth"/> since the last collection here, whichever job made it (and at least <see cref="MinRecordsBetween"/>
/// records went through since), it collects the garbage and gives the freed memory back to the system; once more at
/// the end of a job of at least that many records. Without it, each batch's records, snapshots and findings outlive a
/// few collections while the batch is stored, the runtime lets the heap grow by a hundred MB or more before it
/// decides on a full collection, and the next job grows it further. A collection costs tens of milliseconds, against
/// the seconds 5,000 cases take. A job's first look, or its <see cref="Begin"/>, may collect (the job before it may have
/// left the process grown);
/// a job of fewer than <see cref="CheckEvery"/> records never looks, and one of fewer than
/// <see cref="MinRecordsBetween"/> does not collect at its end.
/// </summary>
public sealed class HeapTrim(ILogger logger, string job, HeapTrim.Meter? meter = null)
{
    public const int CheckEvery = 1_000;

    public const int MinRecordsBetween = 5_000;

    public const long Growth = 32L << 20;

    /// <summary>The process's resident memory, how to collect, and the resident memory just after the last collection.</summary>
    public sealed class Meter(Func<long> resident, Action collect)
    {
        /// <summary>This process: its resident set, and a blocking, compacting collection that decommits what it frees.</summary>
        public static Meter Process { get; } = new(() => Environment.WorkingSet,
            () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));

        private long _floor = -1;

        public long Resident() => resident();

        /// <summary>Resident memory after the last collection (before the first one, what there was at the first count).</summary>
        public long Floor
        {
            get
            {
                // Read once only: a job counts every record, and the resident set is a read of /proc.
                if (Interlocked.Read(ref _floor) < 0)
                {
                    Interlocked.CompareExchange(ref _floor, resident(), -1);
                }

                return Interlocked.Read(ref _floor);
            }
        }

        public (long Before, long After) Collect()
        {
            var before = resident();
            collect();
            var after = resident();
            Interlocked.Exchange(ref _floor, after);
            return (before, after);
        }
    }

    private readonly Meter _meter = meter ?? Meter.Process;
    private int _total;

    // A job may collect at its first look: the job before it (not counted here) may have left the process grown.
    private int _sinceLast = MinRecordsBetween;
    private int _sinceCheck;

    /// <summary>
    /// Before a job loads what it holds for its whole length (the sweep's case index and Omni-Channel rows): collects
    /// when the jobs before it left the process grown past <see cref="Growth"/> since the last collection, so their
    /// garbage is not still there, under this job's data, until its first look.
    /// </summary>
    public void Begin()
    {
        if (_meter.Resident() > _meter.Floor + Growth)
        {
            Collect(final: false);
        }
    }

    /// <summary>Counts records the job has finished with (read, stored, judged); collects when the process has grown enough since the last time.</summary>
    public void Done(int records)
    {
        var floor = _meter.Floor;
        _total += records;
        _sinceLast += records;
        _sinceCheck += records;
        if (_sinceCheck < CheckEvery)
        {
            return;
        }

        _sinceCheck = 0;
        if (_sinceLast >= MinRecordsBetween && _meter.Resident() > floor + Growth)
        {
            Collect(final: false);
        }
    }

    /// <summary>At the end of the job: collects once more when the job was large and has not just collected.</summary>
    public void End()
    {
        if (_total >= MinRecordsBetween && _sinceLast > 0)
        {
            Collect(final: true);
        }
    }

    private void Collect(bool final)
    {
        _sinceLast = 0;
        var started = Stopwatch.GetTimestamp();
        var (before, after) = _meter.Collect();
        var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Action<ILogger, string, int, long, long, long> log = final ? SyncLog.HeapTrimmed : SyncLog.HeapTrimmedMidway;
        log(logger, job, _total, before >> 20, after >> 20, milliseconds);
    }
}
