using System.Text.Json;
using NgoMonitor.Host.Cli;
using Xunit;

namespace NgoMonitor.Tests.Host.Cli;

public sealed class GeoparseVerbTests
{
    [Fact]
    public async Task Geoparse_DocsJsonl_PrintsToponymsWithCodePointOffsets()
    {
        var path = Path.Combine(Path.GetTempPath(), $"docs-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, ["""{"id":"a","text":"🚑 Shelling near A'zaz today"}"""]);
        var output = new StringWriter();

        var exit = await Commands.RunAsync(["geoparse", "--input", path], output, new StringWriter());

        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("a", line.GetProperty("id").GetString());
        var azaz = line.GetProperty("toponyms").EnumerateArray().Single();
        Assert.Equal(172082, azaz.GetProperty("geonameid").GetInt32());
        Assert.Equal(16, azaz.GetProperty("start").GetInt32());
        Assert.Equal(21, azaz.GetProperty("end").GetInt32());
    }

    [Fact]
    public async Task Geoparse_NoInput_IsAUsageError() =>
        Assert.Equal(2, await Commands.RunAsync(["geoparse"], new StringWriter(), new StringWriter()));
}
