using System.Text.Json;
using System.Text.Json.Serialization;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The Functions host's invocation response for a custom handler: Outputs (by binding name), Logs (written at
/// Information level in the invocation), ReturnValue. Property names are PascalCase as the host expects.
/// </summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResponse WithLogs(IReadOnlyList<string> logs) => new([], logs, null);
}

/// <summary>What Monitor reads of a timer invocation's envelope. Parsed leniently: the host's formats vary.</summary>
public sealed record TimerInfo(bool? IsPastDue, string? Last, string? Next)
{
    /// <summary>
    /// Reads <c>Data.timer</c> of the envelope. <c>ScheduleStatus</c> may be null (useMonitor off), timestamps
    /// come in several formats (kept as text: Monitor does not schedule by them), unknown keys are ignored.
    /// Returns null when the body is not a JSON object.
    /// </summary>
    public static TimerInfo? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var timer = Find(document.RootElement, "Data", "timer");
            var status = timer is { } t ? Find(t, "ScheduleStatus") : null;
            return new TimerInfo(
                timer is { } tt && Find(tt, "IsPastDue") is { ValueKind: JsonValueKind.True or JsonValueKind.False } p ? p.GetBoolean() : null,
                status is { } s && Find(s, "Last") is { ValueKind: JsonValueKind.String } l ? l.GetString() : null,
                status is { } s2 && Find(s2, "Next") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Follows property names case-insensitively (the host has sent both "Data" and "data").</summary>
    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var next = current.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (next.Value.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            current = next.Value;
        }

        return current;
    }
}
