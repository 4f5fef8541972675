using System.Globalization;

namespace SfBridge.Benchmarks;

/// <summary>The numbers the profiling loops take on their command line; a word that is no number stops the loop with one line.</summary>
public static class LoopArgs
{
    public static int Number(string[] args, int index, int fallback, string name) =>
        args.Length <= index ? fallback
        : int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
        : throw new UsageException($"{args[0]}: {name} must be a whole number, not \"{args[index]}\"");
}

/// <summary>A profiling loop's command line it cannot read (printed as one line, exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
