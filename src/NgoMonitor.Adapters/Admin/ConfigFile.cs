using System.Text.Json;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// Reads the JSON configuration file. A file that is not valid JSON raises an error naming the line and field. Given
/// the country outlines, a country fence whose code has none is an entry error (a watchlist fenced to an unknown
/// country would silently match nothing); without them only the code's form is checked. A feed URL given as a path
/// ("/samples/feeds/syria-desk.xml") is resolved against <c>self</c>, Monitor's own address, so the bundled sample
/// feeds work on whatever port Monitor listens; without it a path is an entry error like any relative URL.
/// </summary>
public static class ConfigFile
{
    public static ConfigLoadResult Load(string path, ICountryOutlines? countries = null, Uri? self = null)
    {
        if (!File.Exists(path))
        {
            throw new ConfigFileException($"Configuration file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path, countries, self);
    }

    public static ConfigLoadResult Parse(string json, string source = "configuration", ICountryOutlines? countries = null, Uri? self = null)
    {
        ConfigDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ConfigDocument>(json, ConfigDocument.JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            var path = string.IsNullOrEmpty(ex.Path) ? "" : $" ({ex.Path})";
            throw new ConfigFileException($"{source} is not valid{where}{path}: {FirstSentence(ex.Message)}", ex);
        }

        document ??= new ConfigDocument();
        if (self is not null)
        {
            foreach (var feed in document.Feeds.Where(f => f.Url.StartsWith('/') && !f.Url.StartsWith("//", StringComparison.Ordinal)))
            {
                feed.Url = new Uri(self, feed.Url).AbsoluteUri;
            }
        }

        return ConfigMapper.ToConfig(document, countries);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public sealed class ConfigFileException(string message, Exception? inner = null) : Exception(message, inner);
