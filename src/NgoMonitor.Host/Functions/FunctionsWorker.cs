using Microsoft.Azure.Functions.Worker.Builder;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The executable as the Azure Functions host's isolated worker. The host starts it with the address of its gRPC
/// endpoint and the worker's identity (<c>--functions-uri</c>, <c>--functions-worker-id</c>,
/// <c>--functions-request-id</c>, <c>--functions-grpc-max-message-length</c>, plus the older <c>--host</c>/<c>--port</c>
/// forms), which the worker reads as <c>Functions:Worker:*</c>; without them it is not under a host and runs standalone.
/// The services are Monitor's one composition (<see cref="MonitorApp.AddMonitor"/>); the host triggers the functions.
/// </summary>
public static class FunctionsWorker
{
    /// <summary>Whether the host started this process: its arguments, or the endpoint setting in the environment.</summary>
    public static bool IsStartedByHost(IReadOnlyList<string> args) =>
        args.Any(a => a.StartsWith("--functions-uri", StringComparison.Ordinal))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));

    public static IHost Build(string[] args)
    {
        // The content root is the app folder (wwwroot, samples, host.json), wherever the host starts the process.
        var builder = FunctionsApplication.CreateBuilder([.. args, "--contentRoot", AppContext.BaseDirectory]);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMonitor(builder.Configuration, HostMode.FunctionsWorker);
        builder.Services.AddSingleton<HttpSurface>();
        return builder.Build();
    }
}
