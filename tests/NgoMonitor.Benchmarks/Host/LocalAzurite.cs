using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NgoMonitor.Benchmarks.Host;

/// <summary>Azurite's Table and Queue services (npm package, `npm ci`), in memory on free loopback ports, for benchmarks.</summary>
public sealed class LocalAzurite : IDisposable
{
    private readonly List<Process> _processes = [];

    private LocalAzurite()
    {
    }

    public int TablePort { get; private set; }

    public int QueuePort { get; private set; }

    /// <summary>The node processes (CPU time of the storage emulator is part of what a benchmark spends).</summary>
    public IReadOnlyList<Process> Processes => _processes;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public static async Task<LocalAzurite> StartAsync()
    {
        var azurite = new LocalAzurite { TablePort = FreePort(), QueuePort = FreePort() };
        await Task.WhenAll(azurite.StartAsync("table", "--tableHost", "--tablePort", azurite.TablePort), azurite.StartAsync("queue", "--queueHost", "--queuePort", azurite.QueuePort));
        return azurite;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartAsync(string service, string hostOption, string portOption, int port)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Monitor.sln")))
        {
            root = root.Parent;
        }

        var script = Path.Combine(root?.FullName ?? ".", "node_modules", "azurite", "dist", "src", service, "main.js");
        var start = new ProcessStartInfo("node", [script, "--inMemoryPersistence", hostOption, "127.0.0.1", portOption, port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        lock (_processes)
        {
            _processes.Add(process);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true || e.Data?.Contains("successfully", StringComparison.OrdinalIgnoreCase) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
