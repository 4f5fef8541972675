namespace SfBridge.Hosting;

/// <summary>
/// <c>SfBridge [command] [options] [--Section:Key=value ...]</c>. The first argument names the command (default
/// run); command options are <c>--name value</c> or <c>--name=value</c>; anything naming a section
/// (<c>--Salesforce:LoginUrl=...</c>) is configuration, as .NET's command-line provider reads it.
/// </summary>
public sealed record CommandLine(string Command, bool Once, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> ConfigurationArgs)
{
    public const string Run = "run";
    public const string Audit = "audit";
    public const string ValidateMappings = "validate-mappings";
    public const string Explain = "explain";
    public const string Health = "health";

    private static readonly Dictionary<string, string[]> CommandOptions = new(StringComparer.Ordinal)
    {
        [Run] = [],
        [Audit] = ["input", "now", "mappings", "format"],
        [ValidateMappings] = ["mappings", "org"],
        [Explain] = ["case", "input", "state", "now", "mappings", "format"],
        [Health] = ["url", "ready"],
    };

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "state", "ready", "org" };

    public static readonly string Usage =
        """
        Usage: SfBridge [command] [options] [--Section:Key=value ...]

        Commands:
          run                       run the service until stopped (default)
          run --once                run one full cycle of every job, then exit (non-zero if the cycle failed)
          audit --input DIR [--now ISO-8601] [--mappings DIR] [--format jsonl|table]
                                    judge an org snapshot offline and print the findings
                                    (--now without an offset is local time in the mappings' time zone)
          validate-mappings [--mappings DIR] [--org]
                                    check the mapping CSV files and print every problem, or a summary;
                                    with --org, also against the org of the Salesforce:* settings (read-only)
          explain --case NUMBER|ID (--input DIR | --state) [--now ISO-8601] [--mappings DIR] [--format text|json]
                                    why each rule of the case's pack fired or not, with its clocks; with
                                    --state, from the worker's state database, with each finding's history
          health [--url URL] [--ready]
                                    ask the running worker's /health/live (or /health/ready) on Health:Url;
                                    exit 0 when it answers 200, 1 otherwise (the container's HEALTHCHECK)

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

        if (command is "help" || rest.Contains("--help") || rest.Contains("-h"))
        {
            error = "";
            return new CommandLine("help", false, new Dictionary<string, string>(), []);
        }

        if (!CommandOptions.TryGetValue(command, out var allowed))
        {
            error = $"Unknown command '{command}'.";
            return new CommandLine(command, false, new Dictionary<string, string>(), []);
        }

        var once = command == Run && rest.Remove("--once");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            var arg = rest[i];
            var name = arg.TrimStart('-').Split('=')[0];
            if (arg.StartsWith("--", StringComparison.Ordinal) && allowed.Contains(name) && Flags.Contains(name))
            {
                options[name] = "true";
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && allowed.Contains(name))
            {
                var value = arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : i + 1 < rest.Count ? rest[++i] : null;
                if (string.IsNullOrEmpty(value))
                {
                    error = $"Option --{name} needs a value.";
                }
                else
                {
                    options[name] = value;
                }
            }
            else if (arg.StartsWith('-') && !name.Contains(':'))
            {
                // Configuration keys always name a section (--Salesforce:LoginUrl=...), so a bare --flag is a typo.
                error = $"Unknown option '{arg}' for {command}.";
            }
            else
            {
                configuration.Add(arg);
            }
        }

        return new CommandLine(command, once, options, configuration);
    }
}
