using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using NgoMonitor.Host.Functions;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// The app's composition for a one-shot verb: the same services as <c>run</c>, without the scheduler
/// (<see cref="HostMode.OneShot"/>) and without a listening server, so the verb runs beside a running service on the
/// same port. Logs go to standard error, so standard output carries only the verb's
/// document (<c>feeds export-opml &gt; feeds.opml</c>).
/// </summary>
public static class OneShotApp
{
    /// <summary>Builds the app without starting it (no hosted services run; storage is used on demand).</summary>
    public static WebApplication Build(IReadOnlyList<string> overrides)
    {
        var builder = MonitorApp.CreateBuilder([.. overrides], HostMode.OneShot);
        builder.Services.AddSingleton<IServer, NoListener>();
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return MonitorApp.Build(builder);
    }

    /// <summary>
    /// Runs <paramref name="body"/> against the app, started first when <paramref name="start"/> (options validated,
    /// start-up services run) and stopped after. A failure to start or an exception in the body is logged, reported
    /// on <paramref name="error"/> in one line and exits with <see cref="Commands.Failed"/>.
    /// </summary>
    public static async Task<int> RunAsync(string verb, IReadOnlyList<string> overrides, TextWriter error, Func<IServiceProvider, Task<int>> body, CancellationToken cancellationToken, bool start = true)
    {
        WebApplication app;
        try
        {
            app = Build(overrides);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{verb}: cannot compose the app: {ex.GetType().Name}: {ex.Message}");
            return Commands.Failed;
        }

        await using (app)
        {
            var started = false;
            try
            {
                if (start)
                {
                    await app.StartAsync(cancellationToken);
                    started = true;
                }

                return await body(app.Services);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Commands).FullName!).CommandFailed(ex, verb);
                await error.WriteLineAsync($"{verb} failed: {ex.GetType().Name}: {ex.Message}");
                return Commands.Failed;
            }
            finally
            {
                if (started)
                {
                    await app.StopAsync(CancellationToken.None);
                }
            }
        }
    }

    /// <summary>A server that accepts no connections: the endpoints exist, nothing listens.</summary>
    private sealed class NoListener : IServer
    {
        public IFeatureCollection Features { get; } = Create();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }

        private static FeatureCollection Create()
        {
            var features = new FeatureCollection();
            features.Set<IServerAddressesFeature>(new ServerAddressesFeature());
            return features;
        }
    }
}
