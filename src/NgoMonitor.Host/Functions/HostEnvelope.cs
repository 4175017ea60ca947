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
    internal static JsonElement? Find(JsonElement element, params string[] path)
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

/// <summary>
/// What Monitor reads of a queue trigger's envelope: the message text and how often it was delivered. The host puts
/// the message in <c>Data.&lt;binding&gt;</c>, already Base64-decoded, as a JSON string holding the message text
/// (learn.microsoft.com azure-functions/functions-custom-handlers, "Request payload"); a host that passes a JSON
/// message as an object is accepted too. <c>Metadata</c> carries DequeueCount, Id, InsertionTime, PopReceipt ….
/// </summary>
public sealed record QueueTriggerInfo(string Message, long? DequeueCount, string? Id)
{
    /// <summary>Null when the body is not a JSON object or has no <c>Data.&lt;binding&gt;</c>.</summary>
    public static QueueTriggerInfo? Parse(string body, string binding)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || TimerInfo.Find(document.RootElement, "Data", binding) is not { } data)
            {
                return null;
            }

            var message = data.ValueKind switch
            {
                JsonValueKind.String => data.GetString()!,
                JsonValueKind.Object or JsonValueKind.Array => data.GetRawText(),
                _ => null,
            };
            if (message is null)
            {
                return null;
            }

            var metadata = TimerInfo.Find(document.RootElement, "Metadata");
            var count = metadata is { } m && TimerInfo.Find(m, "DequeueCount") is { } c
                ? c.ValueKind == JsonValueKind.Number ? c.GetInt64() : long.TryParse(c.ToString(), out var n) ? n : (long?)null
                : null;
            var id = metadata is { } m2 && TimerInfo.Find(m2, "Id") is { ValueKind: JsonValueKind.String } i ? i.GetString() : null;
            return new QueueTriggerInfo(message, count, id);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
