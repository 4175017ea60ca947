using NgoMonitor.Host.Cli;

// Verbs (run | poll --once | scan) are dispatched in Cli/Commands.cs; the app's composition is in MonitorApp.cs.
return await Commands.RunAsync(args, Console.Out, Console.Error);
