using Serilog;
using Serilog.Extensions.Logging;
using SfBridge.Sync;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Sync;

/// <summary>When a long job gives memory back: on a meter whose resident memory the test sets, counting its collections.</summary>
public sealed class HeapTrimTests
{
    private const long Mb = 1L << 20;

    private sealed class Process
    {
        public long Resident { get; set; } = 200 * Mb;

        /// <summary>What a collection leaves.</summary>
        public long Live { get; set; } = 200 * Mb;

        public int Collections { get; private set; }

        public HeapTrim.Meter Meter => _meter ??= new HeapTrim.Meter(() => Resident, () => { Collections++; Resident = Live; });

        private HeapTrim.Meter? _meter;
    }

    private static (HeapTrim Trim, CollectingSink Logs) Job(Process p, string job = "sla-sweep")
    {
        var logs = new CollectingSink();
        var factory = new SerilogLoggerFactory(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(logs).CreateLogger(), dispose: true);
        return (new HeapTrim(factory.CreateLogger("test"), job, p.Meter), logs);
    }

    [Fact]
    public void AJobOfFewerRecordsThanOneLook_NeverCollects_HoweverTheProcessGrows()
    {
        var p = new Process();
        var (trim, logs) = Job(p);
        for (var i = 0; i < HeapTrim.CheckEvery - 1; i++)
        {
            trim.Done(1);
            p.Resident += Mb;
        }

        trim.End();

        Assert.Equal(0, p.Collections);
        Assert.Empty(logs.Events);
    }

    [Fact]
    public void AJobsStart_CollectsWhatTheJobsBeforeItLeft_OnlyPastTheAllowance()
    {
        var p = new Process();
        Job(p).Trim.Begin(); // the first look of the process: its floor, nothing to compare with
        p.Resident += HeapTrim.Growth;
        Job(p).Trim.Begin(); // grown by the allowance, not past it
        Assert.Equal(0, p.Collections);

        p.Resident += Mb;
        var (trim, logs) = Job(p);
        trim.Begin();

        Assert.Equal(1, p.Collections);
        Assert.Equal(p.Live, p.Resident);
        Assert.Single(logs.Events);
        p.Resident += 2 * HeapTrim.Growth;
        trim.Done(HeapTrim.CheckEvery); // the job's own looks count their records from that collection
        Assert.Equal(1, p.Collections);
    }

    [Fact]
    public void AJobUnderTheMinimum_ThatDidNotGrowTheProcess_DoesNotCollectAtItsEnd()
    {
        var p = new Process();
        var (trim, _) = Job(p);
        trim.Done(HeapTrim.MinRecordsBetween - 1);
        trim.End();

        Assert.Equal(0, p.Collections);
    }

    [Fact]
    public void GrowthOverTheAllowance_IsCollectedAtTheNextLook_AndOnlyThen()
    {
        var p = new Process();
        var (trim, logs) = Job(p);
        trim.Done(HeapTrim.MinRecordsBetween); // the floor is taken at the first count: 200 MB
        Assert.Equal(0, p.Collections);

        p.Resident = 200 * Mb + HeapTrim.Growth; // grown by exactly the allowance: not yet
        trim.Done(HeapTrim.CheckEvery);
        Assert.Equal(0, p.Collections);

        p.Resident += Mb;
        trim.Done(HeapTrim.CheckEvery - 1); // between two looks
        Assert.Equal(0, p.Collections);
        trim.Done(1);
        Assert.Equal(1, p.Collections);

        var line = Assert.Single(logs.WithEventName("HeapTrimmedMidway"));
        Assert.Equal("\"sla-sweep\"", line.Properties["Job"].ToString());
        Assert.Equal("233", line.Properties["BeforeMb"].ToString());
        Assert.Equal("200", line.Properties["AfterMb"].ToString());
    }

    [Fact]
    public void AfterACollection_TheNextWaitsForTheMinimumRecords_AndMeasuresFromWhatTheCollectionLeft()
    {
        var p = new Process { Live = 250 * Mb };
        var (trim, _) = Job(p);
        trim.Done(1);
        p.Resident = 300 * Mb;
        trim.Done(HeapTrim.CheckEvery - 1);
        Assert.Equal(1, p.Collections); // the job's first look may collect: the job before it may have left the process grown

        p.Resident = 400 * Mb;
        trim.Done(HeapTrim.MinRecordsBetween - 1); // looked at 4,999 records since: too soon
        Assert.Equal(1, p.Collections);
        trim.Done(HeapTrim.CheckEvery); // the next look
        Assert.Equal(2, p.Collections);

        p.Resident = 250 * Mb + HeapTrim.Growth; // from the 250 MB the collection left, not the first floor of 200
        trim.Done(HeapTrim.MinRecordsBetween);
        Assert.Equal(2, p.Collections);
    }

    [Fact]
    public void TheEndOfALargeJob_CollectsOnce_UnlessItHasJustCollected_AndTheNextJobStartsFromThatFloor()
    {
        var p = new Process();
        var (sync, syncLogs) = Job(p, "case-sync");
        sync.Done(HeapTrim.MinRecordsBetween);
        sync.End();
        Assert.Equal(1, p.Collections);
        Assert.Single(syncLogs.WithEventName("HeapTrimmed\""));

        var (sweep, sweepLogs) = Job(p);
        p.Resident = 200 * Mb + HeapTrim.Growth + Mb;
        sweep.Done(HeapTrim.CheckEvery);
        Assert.Equal(2, p.Collections);
        sweep.End(); // nothing went through since
        Assert.Equal(2, p.Collections);
        Assert.Single(sweepLogs.Events); // the sweep's one collection, midway
    }
}
