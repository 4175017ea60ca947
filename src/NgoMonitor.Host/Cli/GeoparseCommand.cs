using System.CommandLine;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Host.Cli;

/// <summary>`geoparse --input docs.jsonl`: the places found in each {"id","text"} line, one JSON object per line.</summary>
public static class GeoparseCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A JSON-lines file of {\"id\",\"text\"} documents.", Required = true, HelpName = "docs.jsonl" };
        var command = new Command("geoparse",
            "Print the places found in each document: {\"id\",\"toponyms\":[{\"start\",\"end\",\"name\",\"lat\",\"lon\",\"geonameid\",\"country\",\"confidence\"}]} (offsets in code points).")
        {
            input,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(input), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string input, TextWriter output, TextWriter error)
    {
        if (!File.Exists(input))
        {
            await error.WriteLineAsync($"geoparse: cannot read {input}");
            return Commands.Failed;
        }

        var parser = new Geoparser(Gazetteer.Load(Gazetteer.DefaultPath));
        using var reader = new StreamReader(input);
        Core.Geo.Evaluation.GeoparseCommand.Run(reader, output, parser);
        return Commands.Done;
    }
}
