using System.CommandLine;
using System.Globalization;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// `eval-feeds --corpus &lt;folder&gt;`: runs the parser (decoding, DTD rule, CodeHollow, normalisation) over a
/// folder of test feeds with feedparser's <c>expectations.tsv</c> and <c>dates.tsv</c> layout, and prints files
/// read, unhandled exceptions (anything but a <see cref="FeedFormatException"/>), and agreement by field.
/// Reads the corpus only; nothing is stored or sent. Exit code 1 when any unhandled exception occurred.
/// </summary>
public static class EvalFeedsCommand
{
    // feedparser's harness serves http fixtures from here; expected relative-URI results use this base.
    private const string HarnessBase = "http://127.0.0.1:8097/tests/";

    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "A folder with expectations.tsv (feedparser's test layout).", Required = true, HelpName = "folder" }.AcceptExistingOnly();
        var verbose = new Option<bool>("--verbose") { Description = "Also print every mismatch." };
        var command = new Command("eval-feeds", "Parse a test-feed corpus and print agreement by field (docs/feed-ingestion.md); exit code 1 when any feed threw.") { corpus, verbose };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(corpus).FullName, parse.GetValue(verbose), parse.InvocationConfiguration.Output));
        return command;
    }

    private static async Task<int> RunAsync(string corpus, bool verbose, TextWriter output)
    {
        var parser = new FeedReaderParser();
        var fields = new SortedDictionary<string, (int Agree, int Total)>(StringComparer.Ordinal);
        var unhandled = new List<string>();
        int files = 0, parsed = 0, rejected = 0;
        var mismatches = new List<string>();

        void Count(string field, bool agree, string detail)
        {
            var (a, t) = fields.GetValueOrDefault(field);
            fields[field] = (a + (agree ? 1 : 0), t + 1);
            if (!agree)
            {
                mismatches.Add(field + "\t" + detail);
            }
        }

        foreach (var row in ReadTsv(Path.Combine(corpus, "expectations.tsv")))
        {
            var path = row["path"];
            var file = Path.Combine(corpus, path);
            if (!File.Exists(file))
            {
                continue;
            }

            files++;
            var body = await File.ReadAllBytesAsync(file);
            var contentType = row["http_headers"].Split(" | ").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-type", StringComparison.OrdinalIgnoreCase)).Select(h => h[1].Trim()).FirstOrDefault();
            var source = new FeedSource("eval", "eval", new Uri(HarnessBase + path), TimeSpan.FromMinutes(5), AllowPrivateNetwork: true);
            ParsedFeed? feed = null;
            string? reason = null;
            try
            {
                feed = parser.ParseFeed(source, body, contentType);
                parsed++;
            }
            catch (FeedFormatException ex)
            {
                rejected++;
                reason = ex.Message;
            }
            catch (Exception ex)
            {
                unhandled.Add($"{path}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            // bozo = false: feedparser read a well-formed document, so should we.
            if (row["bozo_expected"] == "false")
            {
                Count("readable (bozo=false)", feed is not null, path + "\t" + reason);
            }

            if (row["field"] is not { Length: > 0 } field || row["expected_value"] is not { } expected || row["fully_captured"] != "yes")
            {
                continue;
            }

            var index = int.TryParse(row["entry_index"], CultureInfo.InvariantCulture, out var i) ? i : 0;
            var item = feed?.Items.ElementAtOrDefault(index);
            var actual = field switch
            {
                "feed.title" => feed?.Title,
                "feed.link" => feed?.Link,
                "entry.title" => item?.Title,
                "entry.link" => item?.Link,
                "entry.id" => item?.SourceId,
                "entry.published_utc" or "entry.updated_utc" or "entry.created_utc" => item?.Published?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (field is "entry.created_utc" or "entry.expired_utc" || field.StartsWith("feed.", StringComparison.Ordinal) && field.EndsWith("_utc", StringComparison.Ordinal))
            {
                continue; // not modelled: Monitor keeps one publication date per item and no feed-level dates
            }

            // Monitor's titles are plain text by contract; feedparser's keep sanitised HTML. Titles are compared
            // with the expected value's plain-text projection (markup dropped, entities decoded, spaces folded).
            var want = field.EndsWith(".title", StringComparison.Ordinal) ? PlainText.FromHtml(expected) : expected.Trim();
            Count(field, string.Equals(actual?.Trim(), want, StringComparison.Ordinal), $"{path}\texpected [{want}]\tgot [{actual ?? reason}]");
        }

        var datesFile = Path.Combine(corpus, "dates.tsv");
        if (File.Exists(datesFile))
        {
            foreach (var row in ReadTsv(datesFile))
            {
                var expected = row["expected_utc_iso"];
                var actual = FeedDates.TryParse(row["input"])?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";
                Count("dates.tsv (" + row["parser"].Replace("_parse_date_", "", StringComparison.Ordinal) + ")", actual == expected, $"[{row["input"]}]\texpected [{expected}]\tgot [{actual}]");
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"files read: {files}; parsed: {parsed}; rejected with a reason: {rejected}; unhandled exceptions: {unhandled.Count}"));
        await output.WriteLineAsync("field\tagree\ttotal\tpercent");
        foreach (var (field, (agree, total)) in fields)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{field}\t{agree}\t{total}\t{100.0 * agree / total:0.0}%"));
        }

        foreach (var line in unhandled)
        {
            await output.WriteLineAsync("UNHANDLED " + line);
        }

        if (verbose)
        {
            foreach (var line in mismatches)
            {
                await output.WriteLineAsync("MISMATCH " + line);
            }
        }

        return unhandled.Count == 0 ? 0 : 1;
    }

    /// <summary>Rows of a TSV with a header line; values unescaped (\\t, \\n, \\r, \\\\) as the corpus README describes.</summary>
    private static IEnumerable<Dictionary<string, string>> ReadTsv(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine()?.Split('\t') ?? [];
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < cells.Length ? Unescape(cells[i]) : "";
            }

            yield return row;
        }
    }

    private static string Unescape(string cell)
    {
        if (!cell.Contains('\\', StringComparison.Ordinal))
        {
            return cell;
        }

        var text = new System.Text.StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] == '\\' && i + 1 < cell.Length)
            {
                i++;
                text.Append(cell[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var other => other });
            }
            else
            {
                text.Append(cell[i]);
            }
        }

        return text.ToString();
    }
}
