using NgoMonitor.Host.Cli;
using NgoMonitor.Host.Functions;

// Under the Azure Functions host the executable is its isolated worker (Functions/FunctionsWorker.cs). Otherwise the
// verbs (run | poll --once | scan | ...) are dispatched in Cli/Commands.cs; the app's composition is in MonitorApp.cs.
if (FunctionsWorker.IsStartedByHost(args))
{
    await FunctionsWorker.Build(args).RunAsync();
    return 0;
}

return await Commands.RunAsync(args, Console.Out, Console.Error);
