using System.IO.Compression;
using System.Text.Json.Nodes;
using NgoMonitor.Host.Deploy;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Deploy;

/// <summary>
/// The deployment package as the host unpacks it: the worker's build output (the layout publish writes, without
/// ReadyToRun) zipped by <see cref="FunctionPackage.Zip"/> and extracted again.
/// </summary>
public sealed class FunctionPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("monitor-package-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string PackAndUnpack()
    {
        var zip = Path.Combine(_work, "monitor.zip");
        FunctionPackage.Zip(RepoPaths.WorkerApp, zip);
        var unpacked = Path.Combine(_work, "unpacked");
        ZipFile.ExtractToDirectory(zip, unpacked);
        return unpacked;
    }

    [Fact]
    public void Zip_Unpacked_HasEverythingTheHostNeeds()
    {
        var root = PackAndUnpack();

        Assert.Empty(FunctionPackage.Missing(root));
        Assert.True(File.Exists(Path.Combine(root, "samples", "monitor.config.json")));
        Assert.True(File.Exists(Path.Combine(root, "wwwroot", "console", "index.html")));
    }

    [Fact]
    public void Zip_Unpacked_HostLaunchesTheWorkerAsDotnetIsolated()
    {
        var root = PackAndUnpack();

        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("dotnet", description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("NgoMonitor.Host.dll", description["defaultWorkerPath"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!["customHandler"]);
    }

    [Fact]
    public void Zip_Unpacked_HasTheGeneratedMetadataAndTheHostSideExtensions()
    {
        var root = PackAndUnpack();

        var functions = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "functions.metadata")))!.AsArray();
        Assert.Equal(FunctionsMetadataTests.ExpectedNames,
            functions.Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(functions, f => Assert.StartsWith("NgoMonitor.Host.Functions.", f!["entryPoint"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(functions, f => Assert.Equal("NgoMonitor.Host.dll", f!["scriptFile"]!.GetValue<string>()));
        var azureFunctions = Path.Combine(root, ".azurefunctions");
        Assert.True(Directory.Exists(azureFunctions));
        Assert.True(File.Exists(Path.Combine(azureFunctions, "function.deps.json")));
        Assert.NotEmpty(Directory.GetFiles(azureFunctions, "*.dll"));
    }

    [Fact]
    public void Missing_FolderWithoutTheMetadata_NamesIt()
    {
        var root = PackAndUnpack();
        File.Delete(Path.Combine(root, "functions.metadata"));
        File.Delete(Path.Combine(root, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll"));

        var missing = FunctionPackage.Missing(root);

        Assert.Contains("functions.metadata", missing);
        Assert.Contains(missing, m => m.EndsWith("FunctionMetadataLoader.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_WorkerApphost_IsExecutable()
    {
        PackAndUnpack();

        using var zip = ZipFile.OpenRead(Path.Combine(_work, "monitor.zip"));
        var mode = (zip.GetEntry(FunctionPackage.Executable)!.ExternalAttributes >> 16) & 0x1FF;
        Assert.Equal(Convert.ToInt32("755", 8), mode);
        Assert.Equal(Convert.ToInt32("644", 8), (zip.GetEntry("host.json")!.ExternalAttributes >> 16) & 0x1FF);
    }
}
