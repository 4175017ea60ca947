using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// The executable's command line (System.CommandLine): <c>run</c> (the default: the service), and the one-shot verbs
/// <c>poll --once</c>, <c>scan</c>, <c>geoparse</c>, <c>publish</c>, <c>feeds</c>, <c>eval-feeds</c>, <c>keys</c>,
/// each with <c>--help</c>. One-shot verbs never start the web server, so they run beside a running service, and their
/// standard output carries only their document (logs go to standard error). Verbs that compose the app take
/// configuration overrides (<see cref="ConfigOverrides"/>). Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
public static class Commands
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // Without a verb (nothing, or configuration overrides only) the executable runs the service, as the Functions
        // host and scripts/run start it.
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?" or "--version")))
        {
            args = ["run", .. args];
        }

        var root = Create();

        // Response files (@file) are off: a configuration value may start with '@'.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        if (parse.Action is HelpAction)
        {
            return await parse.InvokeAsync(invocation);
        }

        if (parse.Errors.Count > 0)
        {
            var verb = CommandPath(parse.CommandResult);
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync($"See 'NgoMonitor.Host {verb}{(verb.Length > 0 ? " " : "")}--help'.");
            return UsageError;
        }

        return await parse.InvokeAsync(invocation);
    }

    /// <summary>The command tree (<see cref="RunAsync"/> supplies <c>run</c> when no verb is given).</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Monitor: news monitoring and alerting for NGO security officers. Without a verb: run.")
        {
            RunCommand.Create(),
            PollCommand.Create(),
            ScanCommand.Create(),
            GeoparseCommand.Create(),
            PublishCommand.Create(),
            FeedsCommand.Create(),
            EvalFeedsCommand.Create(),
            KeysCommand.Create(),
        };
        return root;
    }

    /// <summary>"feeds export-opml" for that command's result; "" for the root.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current.Command is not RootCommand; current = (CommandResult)current.Parent!)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
