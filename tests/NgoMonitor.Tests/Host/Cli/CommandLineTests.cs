using NgoMonitor.Host.Cli;
using Xunit;

namespace NgoMonitor.Tests.Host.Cli;

/// <summary>The command line as a whole: help for every verb, exit codes, and what reaches standard output.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Commands.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("run")]
    [InlineData("poll")]
    [InlineData("scan")]
    [InlineData("geoparse")]
    [InlineData("publish")]
    [InlineData("feeds")]
    [InlineData("feeds export-opml")]
    [InlineData("feeds import-opml")]
    [InlineData("eval-feeds")]
    [InlineData("keys")]
    [InlineData("keys create")]
    [InlineData("keys list")]
    [InlineData("keys revoke")]
    public async Task Help_EveryVerb_PrintsItsUsageOnStdoutAndExits0(string verb)
    {
        var (exit, output, error) = await RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(verb, output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("poll")]
    [InlineData("feeds export-opml")]
    [InlineData("keys list")]
    public async Task Help_VerbThatComposesTheApp_DescribesTheConfigurationOverrides(string verb)
    {
        var (_, output, _) = await RunAsync([.. verb.Split(' '), "--help"]);

        Assert.Contains("--Section:Key=value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsEveryVerb()
    {
        var (_, output, _) = await RunAsync("--help");

        foreach (var verb in new[] { "run", "poll", "scan", "geoparse", "publish", "feeds", "eval-feeds", "keys" })
        {
            Assert.Contains("  " + verb + " ", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("unknown verb", new[] { "scna", "--input", "x.xml" })]
    [InlineData("poll without --once", new[] { "poll" })]
    [InlineData("scan without --input", new[] { "scan" })]
    [InlineData("scan with a mistyped option", new[] { "scan", "--input", "x.xml", "--watchlist", "y.json" })]
    [InlineData("geoparse without --input", new[] { "geoparse" })]
    [InlineData("publish without --output", new[] { "publish" })]
    [InlineData("eval-feeds on a missing folder", new[] { "eval-feeds", "--corpus", "/nonexistent/corpus" })]
    [InlineData("feeds without a sub-verb", new[] { "feeds" })]
    [InlineData("import of a missing file", new[] { "feeds", "import-opml", "/nonexistent/feeds.opml" })]
    [InlineData("an override without a value", new[] { "poll", "--once", "--Storage:ConnectionString" })]
    [InlineData("a bare word among overrides", new[] { "run", "--urls=http://127.0.0.1:0", "now" })]
    [InlineData("a bare word after overrides without a verb", new[] { "--urls=http://127.0.0.1:0", "now" })]
    [InlineData("no verb, a mistyped option", new[] { "--urls" })]
    [InlineData("an option of another verb", new[] { "feeds", "export-opml", "--input", "x.xml" })]
    public async Task BadUsage_ExitsWith2_SaysWhyOnStderr_AndPrintsNothingOnStdout(string label, string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.True(exit == 2, $"{label}: exit {exit}; {error}");
        Assert.Empty(output);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Geoparse_MissingInputFile_Fails()
    {
        var (exit, output, error) = await RunAsync("geoparse", "--input", "/nonexistent/docs.jsonl");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key=value", new[] { "--Storage:ConnectionString=UseDevelopmentStorage=true" })]
    [InlineData("root key=value", new[] { "--urls=http://127.0.0.1:0" })]
    [InlineData("section key, then value", new[] { "--Storage:TablePrefix", "T1" })]
    [InlineData("several", new[] { "--A:B=1", "--C:D", "2", "--E=3" })]
    public void ConfigOverrides_SettingShapes_AreAcceptedInOrder(string label, string[] overrides)
    {
        var parse = Commands.Create().Parse(["poll", "--once", .. overrides]);

        Assert.True(parse.Errors.Count == 0, $"{label}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        Assert.Equal("poll", parse.CommandResult.Command.Name);
        Assert.Equal(overrides, parse.GetValue<string[]>("settings"));
    }
}
