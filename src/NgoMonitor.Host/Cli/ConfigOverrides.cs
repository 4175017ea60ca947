using System.CommandLine;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// Configuration overrides on the command line of the verbs that compose the app (<c>run</c>, <c>poll</c>,
/// <c>feeds</c>, <c>keys</c>): <c>--Section:Key=value</c>, <c>--Section:Key value</c> or <c>--Key=value</c> for a root
/// setting, read by .NET's command-line configuration provider after appsettings and the environment. They are the
/// command's trailing arguments; anything else there is a usage error, so a mistyped option is not silently taken
/// for a setting.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>Adds the overrides argument to <paramref name="command"/> and returns it (read it with <c>GetValue</c>).</summary>
    public static Argument<string[]> AddTo(Command command)
    {
        var settings = new Argument<string[]>("settings")
        {
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "--Section:Key=value",
            Description = "Configuration overrides, after appsettings and the environment: --Section:Key=value, --Section:Key value, or --Key=value for a root setting (--urls=...).",
        };
        settings.Validators.Add(result =>
        {
            foreach (var problem in Problems([.. result.Tokens.Select(t => t.Value)]))
            {
                result.AddError(problem);
            }
        });
        command.Add(settings);
        return settings;
    }

    /// <summary>One message per token that is not an override.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : "";
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                yield return $"Unrecognized command or argument '{token}'.";
            }
            else if (!token.Contains('=', StringComparison.Ordinal))
            {
                // "--Section:Key value": a section-qualified key takes the next token as its value.
                if (!key.Contains(':', StringComparison.Ordinal) || i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    yield return $"Unrecognized option '{token}' (a configuration override is --Section:Key=value).";
                }
                else
                {
                    i++;
                }
            }
        }
    }
}
