using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Xunit;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// Starts Azurite's Table and Queue services (npm package, installed by `npm ci`) in memory on free loopback ports
/// for the test run, and stops them afterwards. Each test uses its own table prefix and queue names
/// (<see cref="QueueSettings"/>), so tests do not see each other's rows or messages.
/// Fails (does not skip) when Azurite is missing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account (documented publicly; not a secret).
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<Process> _processes = [];

    public int Port { get; private set; }

    public int QueuePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public static string NewTablePrefix() => "T" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Queue names that belong to one table prefix, so hosts sharing a prefix share the queues too.</summary>
    public static string[] QueueSettings(string tablePrefix) =>
        [$"--Queues:PollQueue={tablePrefix.ToLowerInvariant()}-poll", $"--Queues:DispatchQueue={tablePrefix.ToLowerInvariant()}-dispatch"];

    public async Task InitializeAsync()
    {
        Port = FreePort();
        QueuePort = FreePort();
        await Task.WhenAll(
            StartAsync("table", "--tableHost", "--tablePort", Port),
            StartAsync("queue", "--queueHost", "--queuePort", QueuePort));
    }

    private async Task StartAsync(string service, string hostOption, string portOption, int port)
    {
        var script = RepoPaths.Combine("node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} missing): run `npm ci` at the repository root.");
        }

        var start = new ProcessStartInfo("node", [script, "--inMemoryPersistence", hostOption, "127.0.0.1", portOption, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        lock (_processes)
        {
            _processes.Add(process);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully", StringComparison.OrdinalIgnoreCase) == true || e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite {service} exited before it was ready"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }

        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
