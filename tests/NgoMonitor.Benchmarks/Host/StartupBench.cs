using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NgoMonitor.Benchmarks.Host;

/// <summary>
/// `startup [runs] [path/to/NgoMonitor.Host.dll]`: how long the standalone service takes from process start until it
/// answers GET / (polled every 25 ms; the scheduler's start-up cycle is off), its working set then, and how long until
/// the gazetteer, loaded in the background from start-up, is ready (its log line). The same executable's start-up as
/// the Functions host's isolated worker (gRPC handshake and function load) is measured by the tests' fake host.
/// </summary>
public static class StartupBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var dll = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "NgoMonitor.Host.dll");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var times = new List<double>();
        var gazetteerTimes = new List<double>();
        var workingSets = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [dll, $"--urls=http://127.0.0.1:{port}", "--RUN_ON_STARTUP=false"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["Telemetry__Console"] = "false";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var gazetteerLoaded = new TaskCompletionSource<double>();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Gazetteer loaded", StringComparison.Ordinal) == true)
                {
                    gazetteerLoaded.TrySetResult(clock.Elapsed.TotalMilliseconds);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was ready");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                    break;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(25);
                }
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
            gazetteerTimes.Add(await gazetteerLoaded.Task.WaitAsync(TimeSpan.FromSeconds(60)));
            process.Refresh();
            workingSets.Add(process.WorkingSet64 / 1048576.0);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        times.Sort();
        gazetteerTimes.Sort();
        workingSets.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"startup to readiness over {runs} runs: min {times[0]:0} ms, median {times[times.Count / 2]:0} ms, max {times[^1]:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"startup to gazetteer loaded (geoparser ready): min {gazetteerTimes[0]:0} ms, median {gazetteerTimes[gazetteerTimes.Count / 2]:0} ms, max {gazetteerTimes[^1]:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"working set with the gazetteer loaded: min {workingSets[0]:0} MiB, median {workingSets[workingSets.Count / 2]:0} MiB, max {workingSets[^1]:0} MiB"));
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
