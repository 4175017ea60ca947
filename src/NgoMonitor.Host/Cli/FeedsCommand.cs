using System.CommandLine;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// `feeds export-opml` (the stored feed list as OPML on standard output, nothing else) and `feeds import-opml file`
/// (adds or replaces feeds by id in the stored configuration). Both take configuration overrides.
/// </summary>
public static class FeedsCommand
{
    public static Command Create()
    {
        var export = new Command("export-opml", "Print the stored feed list as OPML 2.0 (feeds export-opml > feeds.opml).");
        var exportSettings = ConfigOverrides.AddTo(export);
        export.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return OneShotApp.RunAsync("feeds export-opml", parse.GetValue(exportSettings) ?? [], parse.InvocationConfiguration.Error, async services =>
            {
                var config = await services.GetRequiredService<IConfigStore>().LoadAsync(cancellationToken);
                await output.WriteLineAsync(Opml.Export(config.Feeds, services.GetRequiredService<TimeProvider>().GetUtcNow()));
                return Commands.Done;
            }, cancellationToken);
        });

        var file = new Argument<FileInfo>("file") { Description = "An OPML file of feed outlines." }.AcceptExistingOnly();
        var import = new Command("import-opml", "Add feeds from an OPML file, replacing stored feeds with the same id.") { file };
        var importSettings = ConfigOverrides.AddTo(import);
        import.SetAction((parse, cancellationToken) => ImportAsync(parse.GetRequiredValue(file), parse.GetValue(importSettings) ?? [], parse, cancellationToken));

        return new Command("feeds", "The stored feed list as OPML.") { export, import };
    }

    private static async Task<int> ImportAsync(FileInfo file, string[] settings, ParseResult parse, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        IReadOnlyList<FeedSource> feeds;
        try
        {
            feeds = Opml.Import(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (FeedFormatException ex)
        {
            // The file is read before any storage is touched: a bad file changes nothing.
            await error.WriteLineAsync($"{file.Name}: {ex.Message}");
            return Commands.Failed;
        }

        return await OneShotApp.RunAsync("feeds import-opml", settings, error, async services =>
        {
            await services.GetRequiredService<IConfigStore>().UpsertAsync(new MonitorConfig(feeds, [], []), cancellationToken);
            await output.WriteLineAsync($"imported {feeds.Count} feeds");
            return Commands.Done;
        }, cancellationToken);
    }
}
