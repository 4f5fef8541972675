namespace SfBridge.Hosting;

/// <summary>
/// <c>SfBridge [run [--once]] [--Section:Key=value ...]</c>. The first argument names the command (default run);
/// everything after it that is not a command flag is configuration, as .NET's command-line provider reads it.
/// </summary>
public sealed record CommandLine(string Command, bool Once, IReadOnlyList<string> ConfigurationArgs)
{
    public const string Run = "run";

    public static readonly string Usage =
        """
        Usage: SfBridge [command] [options] [--Section:Key=value ...]

        Commands:
          run           run the service until stopped (default)
          run --once    run one full cycle of every job, then exit (non-zero if the cycle failed)

        Configuration keys can be given as --Salesforce:LoginUrl=https://... or as environment variables
        (Salesforce__LoginUrl). See README.md for every key.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var rest = args.ToList();
        var command = Run;
        if (rest.Count > 0 && !rest[0].StartsWith('-'))
        {
            command = rest[0];
            rest.RemoveAt(0);
        }

        if (command is "help" or "--help" || rest.Contains("--help") || rest.Contains("-h"))
        {
            error = "";
            return new CommandLine("help", false, []);
        }

        if (command != Run)
        {
            error = $"Unknown command '{command}'.";
            return new CommandLine(command, false, []);
        }

        var once = rest.Remove("--once");
        // Configuration keys always name a section (--Salesforce:LoginUrl=...), so a bare --flag is a typo.
        var stray = rest.FirstOrDefault(a => a.StartsWith('-') && !a.Split('=')[0].Contains(':'));
        if (stray is not null)
        {
            error = $"Unknown option '{stray}'.";
        }

        return new CommandLine(command, once, rest);
    }
}
