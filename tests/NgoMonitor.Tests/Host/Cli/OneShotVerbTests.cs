using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using NgoMonitor.Host.Cli;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Cli;

/// <summary>
/// One-shot verbs beside a running service: the service's port is taken (a listener stands in for it) and passed as
/// --urls, so a verb that started the web server would fail to bind; standard output carries only the document.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OneShotVerbTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TcpListener _service = new(IPAddress.Loopback, 0);
    private readonly string _prefix = AzuriteFixture.NewTablePrefix();

    public void Dispose() => _service.Dispose();

    private string[] Settings()
    {
        _service.Start();
        return
        [
            $"--urls=http://127.0.0.1:{((IPEndPoint)_service.LocalEndpoint).Port}",
            $"--Storage:ConnectionString={azurite.ConnectionString}", $"--Storage:TablePrefix={_prefix}", "--Monitor:ConfigPath=",
        ];
    }

    private static string Opml(params (string Title, string Url)[] feeds) =>
        new XDocument(new XElement("opml", new XAttribute("version", "2.0"), new XElement("body",
            feeds.Select(f => new XElement("outline", new XAttribute("type", "rss"), new XAttribute("title", f.Title), new XAttribute("xmlUrl", f.Url)))))).ToString();

    [Fact]
    public async Task FeedsExportOpml_AsAProcessBesideTheService_WritesOnlyTheOpmlDocumentToStdout()
    {
        var settings = Settings();
        var file = Path.Combine(Path.GetTempPath(), $"feeds-{Guid.NewGuid():N}.opml");
        await File.WriteAllTextAsync(file, Opml(("Wire A", "https://news.example.org/a.xml"), ("Wire B", "https://news.example.org/b.xml")));
        using var importOutput = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(["feeds", "import-opml", file, .. settings], importOutput, new StringWriter()));

        var (exit, stdout, stderr) = await RunProcessAsync(["feeds", "export-opml", .. settings]);

        Assert.True(exit == 0, stderr);
        var document = XDocument.Parse(stdout);
        Assert.Equal(["https://news.example.org/a.xml", "https://news.example.org/b.xml"],
            document.Descendants("outline").Select(o => (string?)o.Attribute("xmlUrl")).Order());
        Assert.Equal("imported 2 feeds", importOutput.ToString().Trim());
    }

    [Fact]
    public async Task PollOnce_BesideTheServiceOnItsPort_RunsTheCycleAndPrintsOnlyItsSummary()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeText("wire.xml", "<rss version=\"2.0\"><channel><title>Wire</title></channel></rss>");
        var config = TestConfig.FromSamples(("wire", feeds.Url("wire.xml")));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Commands.RunAsync(["poll", "--once", .. Settings()[..^1], $"--Monitor:ConfigPath={config}"], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.NotEmpty(output.ToString());
        Assert.All(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.False(line.StartsWith("info:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal), line));
    }

    [Fact]
    public async Task FeedsImportOpml_NotOpml_FailsAndStoresNothing()
    {
        var settings = Settings();
        var file = Path.Combine(Path.GetTempPath(), $"feeds-{Guid.NewGuid():N}.opml");
        await File.WriteAllTextAsync(file, "<html><body>not a feed list</body></html>");
        using var error = new StringWriter();

        var exit = await Commands.RunAsync(["feeds", "import-opml", file, .. settings], new StringWriter(), error);
        using var exported = new StringWriter();
        await Commands.RunAsync(["feeds", "export-opml", .. settings], exported, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("not an OPML document", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(XDocument.Parse(exported.ToString()).Descendants("outline"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NgoMonitor.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout, await stderr);
    }
}
