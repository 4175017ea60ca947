using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NgoMonitor.Tests.TestKit.FunctionsHost.Rpc;

namespace NgoMonitor.Tests.TestKit.FunctionsHost;

/// <summary>
/// A small Azure Functions host for tests, over the real FunctionRpc protocol. It listens for gRPC (HTTP/2, loopback),
/// starts the worker's build output as the host does (<c>dotnet NgoMonitor.Host.dll</c> with the host's arguments and
/// environment; app settings as environment variables), and goes through the start-up the protocol prescribes:
/// StartStream from the worker → WorkerInitRequest → FunctionsMetadataRequest (the worker indexes its functions) →
/// one FunctionLoadRequest per function, with the bindings parsed from the raw binding JSON as the host does. Then the
/// tests send InvocationRequests; an HTTP invocation is also forwarded over HTTP to the worker's HttpUri capability
/// with the invocation id header, as the host does for the ASP.NET Core integration.
/// </summary>
public sealed class FakeFunctionsHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly WebApplication _server;
    private readonly Process _worker;
    private readonly StringBuilder _output;
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = new(StringComparer.Ordinal);

    private FakeFunctionsHost(WebApplication server, WorkerConnection connection, Process worker, StringBuilder output)
    {
        _server = server;
        Connection = connection;
        _worker = worker;
        _output = output;
    }

    public WorkerConnection Connection { get; }

    /// <summary>The worker's capabilities from its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The functions the worker indexed (FunctionMetadataResponse), by name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions => _functions;

    /// <summary>What the worker wrote to stdout and stderr (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<FakeFunctionsHost> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> appSettings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        var connection = new WorkerConnection();
        builder.Services.AddSingleton(connection);
        var server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        await server.StartAsync();
        var uri = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        const string maxMessageLength = "2147483647";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The arguments the host passes: the older short names and, for current workers, the "functions-" ones.
        foreach (var argument in new[]
        {
            Path.Combine(appDirectory, "NgoMonitor.Host.dll"),
            "--host", uri.Host, "--port", uri.Port.ToString(CultureInfo.InvariantCulture), "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", maxMessageLength,
            "--functions-uri", uri.AbsoluteUri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", maxMessageLength,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        foreach (var (key, value) in appSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var worker = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        worker.OutputDataReceived += (_, e) => Append(output, e.Data);
        worker.ErrorDataReceived += (_, e) => Append(output, e.Data);
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        var host = new FakeFunctionsHost(server, connection, worker, output);
        try
        {
            await host.InitializeAsync(workerId, appDirectory);
            return host;
        }
        catch (Exception ex)
        {
            var log = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException($"the worker did not start: {ex.Message}\n{log}", ex);
        }
    }

    private async Task InitializeAsync(string workerId, string appDirectory)
    {
        var started = await Connection.Started.WaitAsync(Timeout);
        if (started.WorkerId != workerId)
        {
            throw new InvalidOperationException($"StartStream from worker {started.WorkerId}, expected {workerId}");
        }

        var init = (await Connection.RequestAsync("init", new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1040.0", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
        }, Timeout)).WorkerInitResponse;
        EnsureSuccess(init.Result, "WorkerInitResponse");
        Capabilities = new Dictionary<string, string>(init.Capabilities);

        var metadata = (await Connection.RequestAsync("metadata", new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        }, Timeout)).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "FunctionMetadataResponse");
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var load = function.Clone();
            load.FunctionId = function.FunctionId.Length > 0 ? function.FunctionId : Guid.NewGuid().ToString();
            load.Directory = appDirectory;
            load.ScriptFile = Path.Combine(appDirectory, function.ScriptFile);
            if (load.Bindings.Count == 0)
            {
                foreach (var raw in function.RawBindings)
                {
                    var (name, binding) = Binding(raw);
                    load.Bindings[name] = binding;
                }
            }

            var loaded = (await Connection.RequestAsync("load:" + load.FunctionId, new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = load.FunctionId, Metadata = load },
            }, Timeout)).FunctionLoadResponse;
            EnsureSuccess(loaded.Result, "FunctionLoadResponse " + function.Name);
            _functions[function.Name] = load;
        }
    }

    /// <summary>Sends one InvocationRequest and waits for its response.</summary>
    public async Task<InvocationResponse> InvokeAsync(string function, string invocationId, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData>? triggerMetadata = null)
    {
        // The host always sends the invocation's W3C trace context (the worker's activity continues it) and its retry context.
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = _functions[function].FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
            RetryContext = new RetryContext(),
        };
        request.InputData.Add(inputs);
        if (triggerMetadata is not null)
        {
            foreach (var (key, value) in triggerMetadata)
            {
                request.TriggerMetadata[key] = value;
            }
        }

        var reply = await Connection.RequestAsync("invocation:" + invocationId, new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }, Timeout);
        return reply.InvocationResponse;
    }

    /// <summary>
    /// An HTTP invocation: the InvocationRequest (trigger data: the request line) and the request itself, forwarded to
    /// the worker's HttpUri with the invocation id header; the worker pairs the two.
    /// </summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> InvokeHttpAsync(string function, string invocationId, HttpMethod method, string pathAndQuery)
    {
        var baseUri = new Uri(Capabilities["HttpUri"]);
        var url = new Uri(baseUri, pathAndQuery);
        using var client = new HttpClient { Timeout = Timeout };
        using var forwarded = new HttpRequestMessage(method, url);
        forwarded.Headers.Add("x-ms-invocation-id", invocationId);
        var trigger = new ParameterBinding
        {
            Name = Trigger(function).Name,
            Data = new TypedData { Http = new RpcHttp { Method = method.Method, Url = url.ToString() } },
        };
        var invocation = InvokeAsync(function, invocationId, [trigger]);
        var response = await client.SendAsync(forwarded);
        await response.Content.LoadIntoBufferAsync();
        return (response, await invocation);
    }

    /// <summary>The trigger binding of a loaded function: its name (the parameter) and its info.</summary>
    public (string Name, BindingInfo Info) Trigger(string function) =>
        _functions[function].Bindings.Where(b => b.Value.Direction == BindingInfo.Types.Direction.In && b.Value.Type.EndsWith("Trigger", StringComparison.Ordinal))
            .Select(b => (b.Key, b.Value)).Single();

    public async ValueTask DisposeAsync()
    {
        if (!_worker.HasExited)
        {
            _worker.Kill(entireProcessTree: true);
            await _worker.WaitForExitAsync();
        }

        _worker.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>A raw binding (the JSON the worker indexed) as the BindingInfo the host loads it with.</summary>
    private static (string Name, BindingInfo Binding) Binding(string raw)
    {
        using var json = JsonDocument.Parse(raw);
        var root = json.RootElement;
        var binding = new BindingInfo
        {
            Type = root.GetProperty("type").GetString()!,
            Direction = Enum.Parse<BindingInfo.Types.Direction>(root.GetProperty("direction").GetString()!, ignoreCase: true),
        };
        if (root.TryGetProperty("dataType", out var dataType))
        {
            binding.DataType = Enum.Parse<BindingInfo.Types.DataType>(dataType.GetString()!, ignoreCase: true);
        }

        return (root.GetProperty("name").GetString()!, binding);
    }

    private static void EnsureSuccess(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{what}: {result.Status} {result.Exception?.Message}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
