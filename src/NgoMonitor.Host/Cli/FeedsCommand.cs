using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// `feeds export-opml` (the stored feed list as OPML on stdout) and `feeds import-opml &lt;file&gt;` (adds or
/// replaces feeds by id in the stored configuration). Other arguments are configuration overrides.
/// </summary>
public static class FeedsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args.FirstOrDefault();
        if (verb is not ("export-opml" or "import-opml") || (verb == "import-opml" && (args.Length < 2 || !File.Exists(args[1]))))
        {
            await error.WriteLineAsync("usage: feeds export-opml | feeds import-opml <file.opml>");
            return 2;
        }

        var overrides = verb == "import-opml" ? args[2..] : args[1..];
        await using var app = MonitorApp.Build(MonitorApp.CreateBuilder(overrides, HostMode.OneShot));
        await app.StartAsync();
        try
        {
            var store = app.Services.GetRequiredService<IConfigStore>();
            if (verb == "export-opml")
            {
                var config = await store.LoadAsync(CancellationToken.None);
                await output.WriteLineAsync(Opml.Export(config.Feeds, app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
                return 0;
            }

            var feeds = Opml.Import(await File.ReadAllTextAsync(args[1]));
            await store.UpsertAsync(new MonitorConfig(feeds, [], []), CancellationToken.None);
            await output.WriteLineAsync($"imported {feeds.Count} feeds");
            return 0;
        }
        catch (FeedFormatException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
