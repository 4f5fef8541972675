using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SfBridge.Benchmarks;

/// <summary>
/// The suite's defaults: a short job (one warm-up, four measured iterations, one launch) so the whole suite fits a
/// few minutes on a 2-core machine, medians beside means (a shared machine is noisy); the default exporters include GitHub markdown.
/// Passing --job on the command line replaces the short job.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile)
            // The benchmark host is rebuilt per run; on a busy 2-core machine that outlasts the 2-minute default.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(4).WithId("Short");
        return args.Contains("--job") || args.Contains("-j") ? config
            // --in-process: the short job inside this process, without building a separate host (a second run alongside a first).
            : args.Contains("--in-process") ? config.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"))
            : config.AddJob(job);
    }
}
