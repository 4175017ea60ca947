using System.CommandLine;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// Configuration overrides on the command line of the verbs that compose the app (<c>run</c>, <c>poll</c>,
/// <c>feeds</c>, <c>keys</c>): <c>--Section:Key=value</c>, <c>--Key=value</c> or <c>--Section:Key value</c>, read by
/// .NET's command-line configuration provider after appsettings and the environment. Any other unknown token is a
/// usage error, so a mistyped option is not silently taken for a setting.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>Marks <paramref name="command"/> as taking overrides (its unknown tokens are checked here instead of refused).</summary>
    public static T Accepting<T>(T command)
        where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>The overrides given, in order.</summary>
    public static string[] From(ParseResult parse) => [.. parse.UnmatchedTokens];

    /// <summary>One message per token that is not an override.</summary>
    public static IEnumerable<string> Problems(ParseResult parse)
    {
        var tokens = parse.UnmatchedTokens;
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
