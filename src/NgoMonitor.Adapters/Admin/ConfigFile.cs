using System.Text.Json;

namespace NgoMonitor.Adapters.Admin;

/// <summary>Reads the JSON configuration file. A file that is not valid JSON raises an error naming the line and field.</summary>
public static class ConfigFile
{
    public static ConfigLoadResult Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigFileException($"Configuration file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ConfigLoadResult Parse(string json, string source = "configuration")
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

        return ConfigMapper.ToConfig(document ?? new ConfigDocument());
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public sealed class ConfigFileException(string message, Exception? inner = null) : Exception(message, inner);
