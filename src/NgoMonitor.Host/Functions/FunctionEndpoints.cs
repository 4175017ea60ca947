using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The custom handler's HTTP surface: GET / (the host's readiness probe: any answer means ready) and
/// POST /{FunctionName} for each non-HTTP function of <see cref="FunctionTable"/>, answering with the invocation
/// response envelope: 200 when the invocation ran (even if some feeds failed: they are in Logs), 500 when it failed
/// as a whole. For a queue function a 500 leaves the message in the queue: the host retries it and after
/// maxDequeueCount moves it to the poison queue.
/// <para>Trust: these routes make Monitor poll, fetch and send, so they exist only under the Functions host
/// (<see cref="HostMode.CustomHandler"/>, FUNCTIONS_CUSTOMHANDLER_PORT set), where the handler listens on loopback
/// and only the host reaches it. Standalone, the scheduler and queue consumer call <see cref="MonitorFunctions"/>
/// in-process and the routes are not mapped at all. A body that is not <c>application/json</c> (the host always sends
/// JSON; a browser's cross-origin "simple" request cannot) is refused with 415 before it is read.</para>
/// </summary>
public static class FunctionEndpoints
{
    public static WebApplication MapFunctions(this WebApplication app, HostMode mode)
    {
        app.MapGet("/", () => Results.Text("Monitor is running\n"));
        if (mode != HostMode.CustomHandler)
        {
            return app;
        }

        var invocations = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.HasJsonContentType()
                ? await next(context)
                : Results.Json(InvocationResponse.WithLogs(["the host sends invocations as application/json; nothing was run"]), statusCode: StatusCodes.Status415UnsupportedMediaType));
        invocations.MapPost("/" + FunctionTable.PollFeeds.Name, InvokePollFeedsAsync);
        invocations.MapPost("/" + FunctionTable.PollFeedBatch.Name, (HttpRequest r, MonitorFunctions f, ILogger<MonitorFunctions> l, CancellationToken ct) =>
            InvokeQueueAsync<PollBatch>(FunctionTable.PollFeedBatch, r, l, async (batch, token) => (await f.PollFeedBatchAsync(batch, token)).LogLines(), ct));
        invocations.MapPost("/" + FunctionTable.DispatchAlerts.Name, (HttpRequest r, MonitorFunctions f, ILogger<MonitorFunctions> l, CancellationToken ct) =>
            InvokeQueueAsync<DispatchBatch>(FunctionTable.DispatchAlerts, r, l, async (batch, token) => DispatchLines(await f.DispatchAlertsAsync(batch, token)), ct));
        return app;
    }

    private static async Task<IResult> InvokePollFeedsAsync(HttpRequest request, MonitorFunctions functions, ILogger<MonitorFunctions> logger, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var timer = TimerInfo.Parse(body);
        if (timer is null)
        {
            return Results.Json(InvocationResponse.WithLogs(["PollFeeds: the request body is not a JSON invocation envelope; nothing was run"]), statusCode: StatusCodes.Status400BadRequest);
        }

        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        try
        {
            var report = await functions.PollFeedsAsync(cancellationToken);
            List<string> lines = [report.Summary];
            if (timer.IsPastDue == true)
            {
                lines.Insert(0, "timer was past due");
            }

            return Results.Json(InvocationResponse.WithLogs(Prefix(lines, invocationId)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PollFeedsInvocationFailed(ex, invocationId);
            return Results.Json(InvocationResponse.WithLogs([$"PollFeeds failed: {ex.GetType().Name}: {ex.Message}"]), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// A queue trigger: the message (JSON) from Data.&lt;binding&gt;. A body that is not an envelope is the caller's
    /// error (400); a message that does not parse fails the invocation (500), so the host retries and then poisons it
    /// where admins see it (GET /api/admin/poison).
    /// </summary>
    private static async Task<IResult> InvokeQueueAsync<T>(FunctionDefinition function, HttpRequest request, ILogger logger, Func<T, CancellationToken, Task<IReadOnlyList<string>>> run, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var trigger = QueueTriggerInfo.Parse(await reader.ReadToEndAsync(cancellationToken), function.Binding!);
        if (trigger is null)
        {
            return Results.Json(InvocationResponse.WithLogs([$"{function.Name}: the request body is not a queue invocation envelope with Data.{function.Binding}; nothing was run"]), statusCode: StatusCodes.Status400BadRequest);
        }

        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        try
        {
            var lines = await run(StorageQueues.Deserialize<T>(trigger.Message), cancellationToken);
            return Results.Json(InvocationResponse.WithLogs(Prefix(lines, invocationId)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.QueueInvocationFailed(ex, function.Name, invocationId, trigger.Id, trigger.DequeueCount);
            return Results.Json(InvocationResponse.WithLogs([$"{function.Name} failed: {ex.GetType().Name}: {ex.Message}"]), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The summary, then one line per row to retry (address masked), so the host's log says when each is tried again.</summary>
    private static IReadOnlyList<string> DispatchLines(Core.Alerts.DispatchReport r) =>
    [
        FormattableString.Invariant($"dispatched {r.Sent} sent, {r.Printed} printed, {r.Retrying} to retry, {r.Failed} failed, {r.Deferred} deferred for pacing") +
            (r.ExpectedDeliveredBy is { } by ? FormattableString.Invariant($"; SMS delivered by {by:O}") : ""),
        .. r.Retries.Select(x => FormattableString.Invariant($"row {x.RecipientId}/{x.RowId} ({x.Channel} to {x.MaskedAddress}) failed on attempt {x.Attempts}: {x.Error}; next attempt not before {x.NextAttemptAt:O}")),
    ];

    private static IReadOnlyList<string> Prefix(IReadOnlyList<string> lines, string invocationId) =>
        invocationId.Length == 0 ? lines : [.. lines.Select(l => $"[{invocationId}] {l}")];
}
