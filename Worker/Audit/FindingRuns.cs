using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfBridge.Audit;

/// <summary>
/// The audit's findings on disk, so that printing them in order does not hold them: each chunk of findings is sorted in
/// the output order and written to a file of its own (a run) in a private temporary folder; <see cref="Merged"/> reads
/// the runs back merged into one ordered sequence. Disposing deletes the folder, whatever happened before.
/// </summary>
internal sealed class FindingRuns : IDisposable
{
    private const int BufferSize = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Relaxed escaping keeps Portuguese and HTML text short on disk; line breaks are still escaped, so a finding is one line.
    private static readonly PrintedFindingJson Json = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private readonly List<string> _runs = [];
    private readonly int _maxFanIn;
    private int _written;

    /// <param name="parent">The folder to create the private folder in; null for the system's temporary folder (TMPDIR).</param>
    /// <param name="maxFanIn">How many runs are read at once; more are first merged into longer runs, this many at a time.</param>
    public FindingRuns(string? parent, int maxFanIn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFanIn, 2);
        _maxFanIn = maxFanIn;
        var folder = parent ?? Path.GetTempPath();
        try
        {
            Folder = parent is null
                ? Directory.CreateTempSubdirectory("sfbridge-audit-").FullName // owner-only: the runs hold case subjects and messages
                : CreatePrivate(Path.Combine(parent, "sfbridge-audit-" + Path.GetRandomFileName()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(folder, ex);
        }
    }

    /// <summary>Where the runs are written.</summary>
    public string Folder { get; }

    /// <summary>How many runs were written, merges included.</summary>
    public int Written => _written;

    /// <summary>Runs written by merging others (<see cref="Compact"/>), among <see cref="Written"/>.</summary>
    public int Merges { get; private set; }

    /// <summary>Sorts <paramref name="chunk"/> in the output order and writes it as one run.</summary>
    public void Add(List<PrintedFinding> chunk)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        chunk.Sort(PrintedFinding.OutputOrder);
        Write(chunk);
    }

    /// <summary>
    /// Merges runs into bigger ones until at most the fan-in is left, so that <see cref="Merged"/> only reads: called
    /// once every finding is written, while a full disk can still be told as one line.
    /// </summary>
    public void Compact()
    {
        while (_runs.Count > _maxFanIn)
        {
            var group = _runs.Take(_maxFanIn).ToList();
            _runs.RemoveRange(0, group.Count);
            Write(Merge(group));
            Merges++;
            foreach (var run in group)
            {
                File.Delete(run);
            }
        }
    }

    /// <summary>Every finding written, in the output order, read from the runs as it is consumed (after <see cref="Compact"/>).</summary>
    public IEnumerable<PrintedFinding> Merged()
    {
        Compact();
        return Merge(_runs.ToList());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }

    private void Write(IEnumerable<PrintedFinding> findings)
    {
        var path = Path.Combine(Folder, $"run-{_written++:D6}.jsonl");
        _runs.Add(path);
        try
        {
            using var writer = new StreamWriter(path, Utf8, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = BufferSize });
            foreach (var f in findings)
            {
                writer.WriteLine(JsonSerializer.Serialize(f, Json.PrintedFinding));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(Folder, ex);
        }
    }

    /// <summary>One line naming the folder (a full disk is the usual cause), not a stack trace.</summary>
    private static IOException Unwritable(string folder, Exception ex) =>
        new($"{folder}: the audit cannot write its findings there ({ex.Message.TrimEnd('.')}); point TMPDIR to a folder with room", ex);

    private static IEnumerable<PrintedFinding> Merge(List<string> runs)
    {
        var readers = new List<StreamReader>(runs.Count);
        try
        {
            var next = new PriorityQueue<int, PrintedFinding>(runs.Count, PrintedFinding.OutputOrder);
            foreach (var run in runs)
            {
                readers.Add(new StreamReader(run, Utf8, false, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = BufferSize }));
                if (Read(readers[^1]) is { } first)
                {
                    next.Enqueue(readers.Count - 1, first);
                }
            }

            while (next.TryDequeue(out var run, out var finding))
            {
                yield return finding;
                if (Read(readers[run]) is { } following)
                {
                    next.Enqueue(run, following);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static PrintedFinding? Read(StreamReader reader) =>
        reader.ReadLine() is { } line ? JsonSerializer.Deserialize(line, Json.PrintedFinding) : null;

    private static string CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
