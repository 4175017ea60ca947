using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Host.Admin;

/// <summary>Where a rule query's syntax error is: 1-based line and column within the query, the 0-based position, and the reason.</summary>
public sealed record RuleSyntaxLocation(int Line, int Column, int Position, string Reason);

/// <summary>
/// The validation problem of a watchlist, with the parser's location of each query error so an editor can mark the
/// column: besides <c>errors</c> ("rules[0]": ["NEAR needs a number, at column 14"]) the problem carries
/// <c>ruleSyntax</c> {"rules[0]": {line, column, position, reason}} for every own rule whose query does not parse
/// (<see cref="RuleParser.Validate"/>, the same check <see cref="ConfigMapper"/> applies).
/// </summary>
public static class RuleSyntaxProblems
{
    public static IResult Invalid<T>(IDictionary<string, string[]> errors, T entry)
    {
        if (entry is not WatchlistEntry watchlist)
        {
            return AdminRequests.Invalid(errors);
        }

        var locations = new Dictionary<string, RuleSyntaxLocation>(StringComparer.Ordinal);
        for (var i = 0; i < watchlist.Rules.Count; i++)
        {
            var query = watchlist.Rules[i]?.Query;
            var field = $"rules[{i}]";
            if (!string.IsNullOrWhiteSpace(query) && errors.ContainsKey(field) && RuleParser.Validate(query) is [var first, ..])
            {
                locations[field] = Locate(query, first);
            }
        }

        return locations.Count == 0
            ? AdminRequests.Invalid(errors)
            : TypedResults.ValidationProblem(errors, title: "The request is not valid", extensions: new Dictionary<string, object?> { ["ruleSyntax"] = locations });
    }

    /// <summary>Line and column (1-based) of <paramref name="error"/>'s position in <paramref name="query"/>.</summary>
    public static RuleSyntaxLocation Locate(string query, RuleSyntaxError error)
    {
        var position = Math.Clamp(error.Position, 0, query.Length);
        var lineStart = query.LastIndexOf('\n', Math.Max(position - 1, 0)) + 1;
        if (position == 0)
        {
            lineStart = 0;
        }

        var line = 1 + query.AsSpan(0, lineStart).Count('\n');
        return new RuleSyntaxLocation(line, position - lineStart + 1, error.Position, error.Reason);
    }
}
