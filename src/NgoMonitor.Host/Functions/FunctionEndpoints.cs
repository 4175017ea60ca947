using NgoMonitor.Core.Polling;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The custom handler's HTTP surface: GET / (the host's readiness probe: any answer means ready) and
/// POST /{FunctionName} for each function of <see cref="FunctionTable"/>, answering with the invocation response
/// envelope: 200 when the invocation ran (even if some feeds failed: they are in Logs), 500 when it failed as a whole.
/// </summary>
public static class FunctionEndpoints
{
    public static WebApplication MapFunctions(this WebApplication app)
    {
        app.MapGet("/", () => Results.Text("Monitor is running\n"));
        app.MapPost("/" + FunctionTable.PollFeeds.Name, InvokePollFeedsAsync);
        return app;
    }

    private static async Task<IResult> InvokePollFeedsAsync(HttpRequest request, PollCycleRunner runner, ILogger<PollCycleRunner> logger, CancellationToken cancellationToken)
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
            var report = await runner.RunAsync(cancellationToken);
            return Results.Json(InvocationResponse.WithLogs(Prefix(report, invocationId, timer)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "PollFeeds invocation {InvocationId} failed", invocationId);
            return Results.Json(InvocationResponse.WithLogs([$"PollFeeds failed: {ex.GetType().Name}: {ex.Message}"]), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static IReadOnlyList<string> Prefix(CycleReport report, string invocationId, TimerInfo timer)
    {
        var lines = report.LogLines().ToList();
        if (timer.IsPastDue == true)
        {
            lines.Insert(0, "timer was past due");
        }

        return invocationId.Length == 0 ? lines : [.. lines.Select(l => $"[{invocationId}] {l}")];
    }
}
