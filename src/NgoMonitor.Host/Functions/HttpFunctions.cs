using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The HTTP functions: one per route family, so the host's routing and its key check (authLevel) follow what each
/// family needs. Each hands the forwarded request to <see cref="HttpSurface"/>, where Monitor's own route table
/// serves it. No methods are listed: every method reaches the route table, which answers 405 where it must.
/// </summary>
public sealed class HttpFunctions(HttpSurface surface)
{
    [Function(FunctionTable.AdminApi)]
    public Task<IActionResult> AdminApi([HttpTrigger(AuthorizationLevel.Function, Route = FunctionTable.AdminApiRoute)] HttpRequest request) =>
        surface.ServeAsync(request);

    [Function(FunctionTable.Console)]
    public Task<IActionResult> Console([HttpTrigger(AuthorizationLevel.Anonymous, Route = FunctionTable.ConsoleRoute)] HttpRequest request) =>
        surface.ServeAsync(request);

    [Function(FunctionTable.Twilio)]
    public Task<IActionResult> Twilio([HttpTrigger(AuthorizationLevel.Anonymous, Route = FunctionTable.TwilioRoute)] HttpRequest request) =>
        surface.ServeAsync(request);

    [Function(FunctionTable.AlertAck)]
    public Task<IActionResult> AlertAck([HttpTrigger(AuthorizationLevel.Anonymous, Route = FunctionTable.AlertAckRoute)] HttpRequest request) =>
        surface.ServeAsync(request);

    [Function(FunctionTable.CapFeed)]
    public Task<IActionResult> CapFeed([HttpTrigger(AuthorizationLevel.Anonymous, Route = FunctionTable.CapFeedRoute)] HttpRequest request) =>
        surface.ServeAsync(request);
}
