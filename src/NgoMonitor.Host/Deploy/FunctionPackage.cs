using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Deploy;

/// <summary>
/// Builds the deployment package the Functions host expects (functions-custom-handlers: the zip root is the app
/// root): <c>host.json</c>, one folder per function with its <c>function.json</c> generated from
/// <see cref="FunctionTable"/>, and the handler beside them.
/// The handler is published self-contained for linux-x64 and launched as <c>NgoMonitor.Host</c>: Flex Consumption's
/// <c>custom</c> runtime provides no .NET runtime to run <c>dotnet NgoMonitor.Host.dll</c> (docs/deploy.md, "Handler
/// launch"), and a zip entry's Unix mode is written as 0755 for the executable so tools that keep modes keep it.
/// </summary>
public static class FunctionPackage
{
    public const string Executable = "NgoMonitor.Host";

    /// <summary>Runs `dotnet publish` self-contained into <paramref name="output"/>, adds the function layout, and zips it.</summary>
    public static async Task<int> PublishAsync(string repositoryRoot, string output, string? zipPath, TextWriter log)
    {
        var project = Path.Combine(repositoryRoot, "src", "NgoMonitor.Host", "NgoMonitor.Host.csproj");
        // ReadyToRun: the handler's code is compiled ahead of time, so start-up and the first watchlist compile run
        // optimised code at once (the first compile of 10,000 rules takes 288–363 ms instead of 444–512 ms of thread
        // CPU; docs/benchmarks.md, rule matcher). Costs a larger package, nothing at run time.
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
            "-p:PublishReadyToRun=true", "-o", output, "-nologo"])
        {
            UseShellExecute = false,
        };
        using (var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish"))
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                await log.WriteLineAsync($"dotnet publish failed with exit code {process.ExitCode}");
                return 1;
            }
        }

        WriteFunctionLayout(repositoryRoot, output);
        if (zipPath is not null)
        {
            Zip(output, zipPath);
            await log.WriteLineAsync($"package: {zipPath}");
        }

        await log.WriteLineAsync($"package folder: {output}");
        return 0;
    }

    /// <summary>Copies host.json and writes each function's folder and function.json into <paramref name="appRoot"/>.</summary>
    public static void WriteFunctionLayout(string repositoryRoot, string appRoot)
    {
        Directory.CreateDirectory(appRoot);
        File.Copy(Path.Combine(repositoryRoot, "host.json"), Path.Combine(appRoot, "host.json"), overwrite: true);
        foreach (var function in FunctionTable.All)
        {
            var folder = Directory.CreateDirectory(Path.Combine(appRoot, function.Name));
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), FunctionTable.FunctionJson(function).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>Zips the app root; the handler executable gets Unix mode 0755, other files 0644.</summary>
    public static void Zip(string appRoot, string zipPath)
    {
        if (File.Exists(zipPath))
        {
            File.Delete(zipPath);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(appRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(appRoot, file).Replace('\\', '/');
            var entry = zip.CreateEntryFromFile(file, name, CompressionLevel.Optimal);
            var mode = name == Executable ? Convert.ToInt32("100755", 8) : Convert.ToInt32("100644", 8);
            entry.ExternalAttributes = mode << 16;
        }
    }

    /// <summary>The repository root: the nearest folder above <paramref name="from"/> holding Monitor.sln.</summary>
    public static string? FindRepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
