using System.Globalization;
using System.Text.Json.Nodes;
using SfBridge.Audit;
using SfBridge.Mappings;
using SfBridge.Snapshots;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Audit;

/// <summary>
/// The audit judges a chunk of cases at a time and merges the chunks' sorted findings from temporary files: with chunks
/// of a few cases, and merges of two files at a time, it prints what it prints judging the whole org at once, in every
/// format, and leaves no file behind, also when it fails half-way.
/// </summary>
public sealed class AuditStreamTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse(ReportSample.Now, CultureInfo.InvariantCulture);
    private static readonly Policy Policy = MappingLoader.Load(ReportSample.Mappings).Policy!;

    /// <summary>Chunks of 3 of the sample org's cases, merged two runs at a time: several runs and merges of merges.</summary>
    private static readonly AuditSpillOptions SmallRuns = new() { CasesPerRun = 3, MaxFanIn = 2 };

    private static readonly AuditSpillOptions OneRun = new() { CasesPerRun = int.MaxValue, MaxFanIn = 2 };

    private readonly string _spill = Directory.CreateTempSubdirectory("sfbridge-spill-").FullName;
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders.Append(_spill))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_SmallRuns_MergesThemIntoTheOrderOfTheWholeJudgement()
    {
        var whole = AuditRun.Evaluate(OrgSnapshot.Load(RepoPaths.SampleOrg), Policy, Now);

        using var stream = AuditStream.Run(OrgSnapshot.Load(RepoPaths.SampleOrg), Policy, Now, (f, _) => FindingWriter.JsonLine(f),
            (cases, org) => new ReportContext(Policy, cases, org, Now), SmallRuns with { Folder = _spill });
        var lines = stream.Findings().Select(f => f.Text).ToList();

        Assert.True(stream.Runs >= whole.CasesJudged / 3, $"{stream.Runs} runs for {whole.CasesJudged} cases");
        Assert.True(stream.Merges > 0, "runs merged before the last merge");
        Assert.Equal(whole.Findings.Select(f => FindingWriter.JsonLine(f)), lines);
        Assert.Equal((whole.CasesJudged, whole.Findings.Count), (stream.Totals.CasesJudged, stream.Totals.Findings));
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("table")]
    [InlineData("html")]
    public void Audit_SmallRuns_PrintsWhatOneRunPrintsAndLeavesNoFile(string format)
    {
        var small = Audit(RepoPaths.SampleOrg, format, SmallRuns);
        var spillAfterSmall = Directory.GetFileSystemEntries(_spill);
        var one = Audit(RepoPaths.SampleOrg, format, OneRun);

        Assert.Equal((0, ""), (small.Exit, small.Err));
        Assert.Equal(one.Out, small.Out);
        Assert.Empty(spillAfterSmall);
        Assert.Empty(Directory.GetFileSystemEntries(_spill));
    }

    [Fact]
    public void Audit_TwoRecordsWithOneId_ReportsThemAsTheWholeJudgementDoes()
    {
        // The report shows a case by its Id: a second record with the same Id, judged in another chunk, shows the first's
        // subject and owner, and counts once among the cases with findings.
        var folder = SampleWith(records =>
        {
            var copy = records[0]!.DeepClone().AsObject();
            copy["Subject"] = "Outro registro com o mesmo Id";
            copy["OwnerId"] = records[^1]!["OwnerId"]!.DeepClone();
            records.Add(copy);
        });
        var whole = AuditRun.Evaluate(OrgSnapshot.Load(folder), Policy, Now);
        var context = new ReportContext(Policy, whole.Cases, whole.Org, Now) { Source = folder, MappingsSource = ReportSample.Mappings };
        var expected = new StringWriter();
        HtmlReport.RenderAudit(expected, whole, context);

        var (exit, output, _) = Audit(folder, "html", SmallRuns);

        Assert.Equal(0, exit);
        Assert.Equal(expected.ToString(), output);
    }

    [Fact]
    public void Audit_OutputFailsHalfWay_RemovesItsTemporaryFiles()
    {
        var stdout = new FailingWriter(afterLines: 20, _spill);

        var failure = Assert.Throws<IOException>(() =>
            OfflineCommands.Audit(Options(RepoPaths.SampleOrg, "html"), ReportSample.Mappings, TimeProvider.System, stdout, new StringWriter(),
                SmallRuns with { Folder = _spill }));

        Assert.Equal(FailingWriter.Message, failure.Message);
        Assert.True(stdout.FilesWhenFailing > 1, $"{stdout.FilesWhenFailing} run files while printing");
        Assert.Empty(Directory.GetFileSystemEntries(_spill));
    }

    [Fact]
    public void Audit_TemporaryFolderCannotBeMade_IsOneLineNamingIt()
    {
        var notAFolder = Path.Combine(_spill, "file");
        File.WriteAllText(notAFolder, "");

        var (exit, output, errors) = Audit(RepoPaths.SampleOrg, "jsonl", OneRun with { Folder = notAFolder });

        Assert.Equal((1, ""), (exit, output));
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{notAFolder}: the audit cannot write its findings there (", errors, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Err) Audit(string input, string format, AuditSpillOptions spill)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = OfflineCommands.Audit(Options(input, format), ReportSample.Mappings, TimeProvider.System, stdout, stderr, spill with { Folder = spill.Folder ?? _spill });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static Dictionary<string, string> Options(string input, string format) => new()
    {
        ["input"] = input, ["now"] = ReportSample.Now, ["mappings"] = ReportSample.Mappings, ["format"] = format,
    };

    /// <summary>A copy of samples/org with its Case.json records changed by <paramref name="change"/>.</summary>
    private string SampleWith(Action<JsonArray> change)
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-stream-org-").FullName;
        _folders.Add(folder);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleOrg))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var path = Path.Combine(folder, "Case.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        change(root["records"]!.AsArray());
        File.WriteAllText(path, root.ToJsonString());
        return folder;
    }

    /// <summary>Standard output that breaks (a closed pipe, a full disk) after some lines, noting the spill files then.</summary>
    private sealed class FailingWriter(int afterLines, string spill) : StringWriter(CultureInfo.InvariantCulture)
    {
        public const string Message = "No space left on device";

        private int _lines;

        public int FilesWhenFailing { get; private set; }

        public override void WriteLine(string? value)
        {
            if (++_lines > afterLines)
            {
                FilesWhenFailing = Directory.GetFiles(spill, "*", SearchOption.AllDirectories).Length;
                throw new IOException(Message);
            }

            base.WriteLine(value);
        }
    }
}
