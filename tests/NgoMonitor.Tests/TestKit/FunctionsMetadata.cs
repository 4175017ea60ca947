using System.Text.Json.Nodes;

namespace NgoMonitor.Tests.TestKit;

/// <summary>The functions.metadata the worker SDK generated into the worker's build output: what the host loads.</summary>
public static class FunctionsMetadata
{
    public static JsonArray Functions() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.WorkerApp, "functions.metadata")))!.AsArray();

    /// <summary>The trigger binding of a function (the one input binding whose type ends in "Trigger").</summary>
    public static JsonNode Trigger(JsonNode function) =>
        function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;

    /// <summary>The route templates of the HTTP-triggered functions.</summary>
    public static IReadOnlyList<string> HttpRoutes() =>
        [.. Functions().Select(f => Trigger(f!)).Where(t => t["type"]!.GetValue<string>() == "httpTrigger").Select(t => t["route"]!.GetValue<string>())];
}
