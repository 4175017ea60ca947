using System.IO.Compression;
using System.Text.Json.Nodes;
using NgoMonitor.Host.Deploy;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Deploy;

public sealed class FunctionPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("monitor-package-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Packs the handler this test runs against (its build output) the way publish does, then unpacks the zip.</summary>
    private string PackAndUnpack()
    {
        var appRoot = Path.Combine(_work, "app");
        Directory.CreateDirectory(appRoot);
        foreach (var file in new[] { "NgoMonitor.Host", "NgoMonitor.Host.dll", "NgoMonitor.Host.runtimeconfig.json", "NgoMonitor.Core.dll", "NgoMonitor.Adapters.dll" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(appRoot, file));
        }

        CopyFolder(Path.Combine(AppContext.BaseDirectory, "samples"), Path.Combine(appRoot, "samples"));
        FunctionPackage.WriteFunctionLayout(RepoPaths.Root, appRoot);
        var zip = Path.Combine(_work, "monitor.zip");
        FunctionPackage.Zip(appRoot, zip);
        var unpacked = Path.Combine(_work, "unpacked");
        ZipFile.ExtractToDirectory(zip, unpacked);
        return unpacked;
    }

    [Fact]
    public void Zip_Unpacked_HasHostJsonAndTheHandlerAtTheRoot()
    {
        var root = PackAndUnpack();

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!;
        var executable = host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(root, executable)), $"{executable} is not at the package root");
        Assert.True(File.Exists(Path.Combine(root, "samples", "monitor.config.json")));
    }

    [Fact]
    public void Zip_Unpacked_HasOneFunctionFolderPerFunctionWithItsGeneratedFunctionJson()
    {
        var root = PackAndUnpack();

        foreach (var function in FunctionTable.All)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, function.Name, "function.json")));
            Assert.True(JsonNode.DeepEquals(FunctionTable.FunctionJson(function), json), function.Name);
        }
    }

    [Fact]
    public void Zip_HandlerEntry_IsExecutable()
    {
        PackAndUnpack();

        using var zip = ZipFile.OpenRead(Path.Combine(_work, "monitor.zip"));
        var mode = (zip.GetEntry(FunctionPackage.Executable)!.ExternalAttributes >> 16) & 0x1FF;
        Assert.Equal(Convert.ToInt32("755", 8), mode);
        Assert.Equal(Convert.ToInt32("644", 8), (zip.GetEntry("host.json")!.ExternalAttributes >> 16) & 0x1FF);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
