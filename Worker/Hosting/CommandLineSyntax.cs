using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SfBridge.Hosting;

/// <summary>
/// SfBridge's commands and options on System.CommandLine: help for every command (<c>--help</c>), checked values, and
/// each usage problem as one line naming the option or argument (exit code 2). Configuration arguments
/// (<c>--Section:Key=value</c> or <c>--Section:Key value</c>: a name with a ':') are set apart before parsing and go to
/// .NET configuration, for every command; everything else must be the command's own.
/// </summary>
internal static class CommandLineSyntax
{
    public const string Name = "SfBridge";

    /// <summary>
    /// What the arguments say: the parse (its action runs the command, or prints help or the version), the command line
    /// when they name a command to run, and usage problems.
    /// </summary>
    public sealed record Parsed(ParseResult Result, CommandLine? Command, IReadOnlyList<string> Errors);

    /// <summary>
    /// Parses <paramref name="args"/>; each command's action hands its <see cref="CommandLine"/> to <paramref name="handler"/>.
    /// Problems come back in <see cref="Parsed.Errors"/>, one line each (a help request has none: help wins).
    /// </summary>
    public static Parsed Parse(IReadOnlyList<string> args, Func<CommandLine, CancellationToken, Task<int>> handler)
    {
        var (rest, configuration, errors) = SplitConfiguration(args);
        var root = Create((result, cancellationToken) => handler(Read(result, configuration), cancellationToken));
        ParseResult parsed;
        using (English())
        {
            parsed = root.Parse(rest);
        }

        if (parsed.Action is not HelpAction)
        {
            errors.AddRange(Unmatched(parsed).Select(e => Describe(e.Message, e.Symbol, parsed.CommandResult)));
        }

        var runs = errors.Count == 0 && parsed.Action is not (HelpAction or VersionAction);
        return new Parsed(parsed, runs ? Read(parsed, configuration) : null, errors);
    }

    /// <summary>
    /// System.CommandLine ships its own translations; SfBridge's help and messages are English, so its headings and
    /// errors are too, whatever the machine's language (otherwise a pt-BR server would mix the two in one screen).
    /// </summary>
    public static IDisposable English() => new UiCulture(CultureInfo.InvariantCulture);

    /// <summary>The command line a successful parse stands for: the command (run at the root), its options as given, and the configuration arguments.</summary>
    private static CommandLine Read(ParseResult result, IReadOnlyList<string> configuration)
    {
        var command = result.CommandResult.Command;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var given in result.CommandResult.Children.OfType<OptionResult>().Where(r => !r.Implicit))
        {
            var name = given.Option.Name.TrimStart('-');
            switch (given.Option)
            {
                case Option<bool> when given.GetValueOrDefault<bool>():
                    options[name] = "true";
                    break;
                case Option<string> when given.GetValueOrDefault<string>() is { } value:
                    options[name] = value;
                    break;
            }
        }

        var once = options.Remove("once");
        return new CommandLine(command.Parents.Any() ? command.Name : CommandLine.Run, once, options, configuration);
    }

    private static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var root = new Command(Name,
            """
            Polls Salesforce Service Cloud cases, judges them against the operating rules in the mappings folder and posts
            breach alerts to Chatter. Without a command it runs the service (run).

            Configuration keys go after any command as --Section:Key=value or --Section:Key value
            (e.g. --Salesforce:LoginUrl=https://login.salesforce.com --Mappings:Path=/opt/sfbridge/mappings), or as
            environment variables (Salesforce__LoginUrl); README.md lists every key.
            """);
        root.Options.Add(new HelpOption());
        var version = new VersionOption();
        version.Action = new VersionAction();
        root.Options.Add(version);
        root.Options.Add(new Option<bool>("--once") { Hidden = true }); // "SfBridge --once" is "SfBridge run --once"
        root.SetAction(action);

        Command[] commands =
        [
            new(CommandLine.Run, "Run the service: check configuration and mappings, migrate the state database, then run the scheduled jobs until stopped (SIGTERM). The default command.")
            {
                new Option<bool>("--once") { Description = "Run one full cycle (case sync, Omni-Channel sync, GAR audit, SLA sweep, alert dispatch), then exit: 0 ok, 1 if a job failed." },
            },
            new(CommandLine.Audit, "Judge an org snapshot offline and print the findings. Exit 0 ran, 1 temporary folder not writable, 2 bad arguments, 3 bad mappings, 4 bad snapshot.")
            {
                Input(required: true), Now(), Mappings(),
                Format("jsonl: one finding per line, for tools; table: grouped by pack and severity, for people; html: one self-contained report page.", "jsonl", "jsonl", "table", "html"),
                new Option<string>("--instance-url") { Description = "The org's address (https://NAME.my.salesforce.com): html links each case number to its record.", HelpName = "URL" },
            },
            new(CommandLine.ValidateMappings, "Check every mapping file; print every problem (file:line:column), or a summary, the assumptions and the calendars without holiday data. Exit 0 ok, 3 problems.")
            {
                Mappings(),
                new Option<bool>("--org")
                {
                    Description = "Also check the mappings against the org itself (Salesforce:* settings), read-only: fields, record types, queues, groups, users, picklist values. Exit 1 when the org cannot be checked.",
                },
            },
            new(CommandLine.Explain, "Why each rule of a case's pack fired or not, with its clocks. Nothing is written. Exit 0 ran, 3 bad mappings, 4 bad snapshot or no state database, 5 case not found.")
            {
                new Option<string>("--case") { Description = "The case: its number (00001002) or its Id.", HelpName = "NUMBER|ID", Required = true },
                Input(required: false), State("Judge from the worker's state database (State:Provider, State:ConnectionString) as the sweep does, with each finding's ledger history."),
                Now(), Mappings(), Format("text: for people; json: one object per rule per line.", "text", "text", "json"),
            },
            new(CommandLine.Health, "Ask the running worker's /health/live (or /health/ready) and print one line: the container's HEALTHCHECK. Exit 0 on 200, 1 otherwise.")
            {
                new Option<string>("--url") { Description = "Where the worker listens (default: Health:Url; a listen-everywhere host is asked on 127.0.0.1).", HelpName = "URL" },
                new Option<bool>("--ready") { Description = "Ask /health/ready instead of /health/live." },
            },
            new(CommandLine.Replay, "What a mappings change would do: judge the same cases with both mapping folders and print the findings that appear (+), disappear (-) or change (~), then a count per rule. Nothing is posted or stored. Exit 0 ran, 4 bad mappings, snapshot or state database.")
            {
                new Option<string>("--mappings") { Description = "The changed mapping folder.", HelpName = "NEW_DIR", Required = true },
                new Option<string>("--baseline") { Description = "The mapping folder to compare with (default: Mappings:Path).", HelpName = "OLD_DIR" },
                Input(required: false), State("Judge the cases the worker tracks now, from its state database (State:Provider, State:ConnectionString), read-only."),
                Now(), Format("text: + added, - removed, ~ changed, then counts per rule; jsonl: the audit fields plus change; html: one self-contained page, added and removed side by side.",
                    "text", "text", "jsonl", "html"),
            },
        ];
        foreach (var command in commands)
        {
            command.SetAction(action);
            if (command.Options.Any(o => o.Name == "--state"))
            {
                command.Validators.Add(ExactlyOneSource);
            }

            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Option<string> Input(bool required) => new("--input")
    {
        Description = "An org snapshot: a folder with one <Object>.json per object (Case.json, User.json, ...) as Salesforce's query endpoint returns them.",
        HelpName = "DIR",
        Required = required,
    };

    private static Option<bool> State(string description) => new("--state") { Description = description };

    private static Option<string> Mappings() => new("--mappings") { Description = "The mapping folder (default: Mappings:Path).", HelpName = "DIR" };

    private static Option<string> Now()
    {
        var now = new Option<string>("--now")
        {
            Description = "The instant to judge at (default: now); without an offset it is local time in the mappings' time zone.",
            HelpName = "ISO-8601",
        };
        now.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !Audit.OfflineCommands.TryIso(r.Tokens[0].Value, out _))
            {
                r.AddError($"--now '{r.Tokens[0].Value}' is not an ISO-8601 instant (e.g. 2026-03-03T14:00:00-03:00)");
            }
        });
        return now;
    }

    /// <summary>An output format among <paramref name="values"/>; a new format is one more value here and its writer.</summary>
    private static Option<string> Format(string description, string fallback, params string[] values) =>
        new Option<string>("--format") { Description = description, DefaultValueFactory = _ => fallback }.AcceptOnlyFromAmong(values);

    /// <summary>explain and replay judge either a snapshot or the worker's state, never both.</summary>
    private static void ExactlyOneSource(CommandResult command)
    {
        var input = command.Command.Options.First(o => o.Name == "--input");
        var state = (Option<bool>)command.Command.Options.First(o => o.Name == "--state");
        var fromInput = command.GetResult(input) is not null;
        if (fromInput == command.GetValue(state))
        {
            command.AddError($"{command.Command.Name} needs exactly one of --input DIR (an org snapshot) or --state (the worker's state database)");
        }
    }

    /// <summary>
    /// Sets apart the configuration arguments, as .NET's command-line configuration reads them: <c>--Section:Key=value</c>,
    /// or <c>--Section:Key value</c> (given to configuration as one <c>--Section:Key=value</c>).
    /// </summary>
    private static (List<string> Command, List<string> Configuration, List<string> Errors) SplitConfiguration(IReadOnlyList<string> args)
    {
        var (rest, configuration, errors) = (new List<string>(), new List<string>(), new List<string>());
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsConfiguration(arg))
            {
                rest.Add(arg);
            }
            else if (arg.EndsWith('=') && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                // "--Salesforce:ClientSecret= s3cr3t": a space after '='. The word after it is most likely the value, maybe a
                // secret: it is never repeated.
                errors.Add($"Configuration argument '{arg}' is followed by a space and a word: write {arg}VALUE, with no space (quote a value that holds spaces).");
                i++;
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                configuration.Add($"{arg}={args[++i]}");
            }
            else
            {
                errors.Add($"Configuration argument '{arg}' has no value: write {arg}=VALUE (or {arg}= for an empty one).");
            }
        }

        return (rest, configuration, errors);
    }

    /// <summary><c>--Section:Key</c>, with or without <c>=value</c>: a configuration key always names a section.</summary>
    private static bool IsConfiguration(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? arg[2..] : arg[2..equals];
        return key.IndexOf(':', StringComparison.Ordinal) > 0;
    }

    /// <summary>
    /// The parse errors, where tokens nothing matched are named once, by the first of them, and only up to its '=':
    /// a mistyped setting (<c>--Salesforce-ClientSecret=…</c> or <c>--Salesforce-ClientSecret …</c>) must not
    /// print its value, which may be a secret, and the tokens after it are most likely that value.
    /// </summary>
    private static IEnumerable<(string Message, SymbolResult? Symbol)> Unmatched(ParseResult parsed)
    {
        var first = true;
        foreach (var error in parsed.Errors)
        {
            var token = parsed.UnmatchedTokens.FirstOrDefault(t => error.SymbolResult is CommandResult && error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            if (token is null)
            {
                yield return (error.Message, error.SymbolResult);
            }
            else if (first)
            {
                first = false;
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                yield return (equals < 0 ? error.Message : error.Message.Replace($"'{token}'", $"'{token[..(equals + 1)]}…'", StringComparison.Ordinal), error.SymbolResult);
            }
        }
    }

    /// <summary>One line: the library's message with its line breaks folded, naming the option it is about, and where help is.</summary>
    private static string Describe(string text, SymbolResult? symbol, CommandResult command)
    {
        var message = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var option = symbol switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        if (option is not null && !message.Contains(option.Name, StringComparison.Ordinal))
        {
            message = $"{option.Name}: {message}";
        }

        var path = new List<string>();
        for (SymbolResult? at = command; at is CommandResult c; at = c.Parent)
        {
            path.Insert(0, c.Command.Name);
        }

        return $"{message}{(message.EndsWith('.') ? "" : ".")} See '{string.Join(' ', path)} --help'.";
    }

    /// <summary>Prints SfBridge's own version (the entry assembly is not SfBridge when the tests run it).</summary>
    private sealed class VersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(StartupPreparation.Version);
            return RunOutcome.Success;
        }
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiCulture(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
