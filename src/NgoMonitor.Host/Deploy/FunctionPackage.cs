using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace NgoMonitor.Host.Deploy;

/// <summary>
/// Builds the deployment package of the isolated worker (the zip root is the app root). <c>dotnet publish</c> writes
/// the whole layout: <c>host.json</c>; the worker, <c>NgoMonitor.Host.dll</c> with its runtime config and apphost;
/// <c>worker.config.json</c>, which tells the host to launch it as <c>dotnet NgoMonitor.Host.dll</c>;
/// <c>functions.metadata</c>, the functions as the worker SDK generated them from the <c>[Function]</c> attributes;
/// and <c>.azurefunctions/</c> with <c>extensions.json</c>, the host-side extension the SDK builds. The package is
/// framework-dependent: the dotnet-isolated stack brings the .NET runtime.
/// </summary>
public static class FunctionPackage
{
    /// <summary>The worker's apphost (a native launcher; the host itself runs the dll through dotnet).</summary>
    public const string Executable = "NgoMonitor.Host";

    /// <summary>The files the host needs at the app root, whatever else publish writes.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        ["host.json", "worker.config.json", "functions.metadata", "extensions.json", "NgoMonitor.Host.dll", "NgoMonitor.Host.runtimeconfig.json", "NgoMonitor.Host.deps.json"];

    /// <summary>Runs `dotnet publish` into <paramref name="output"/>, checks the layout, and zips it.</summary>
    public static async Task<int> PublishAsync(string repositoryRoot, string output, string? zipPath, TextWriter log)
    {
        var project = Path.Combine(repositoryRoot, "src", "NgoMonitor.Host", "NgoMonitor.Host.csproj");
        // ReadyToRun: the worker's code is compiled ahead of time, so start-up and the first watchlist compile run
        // optimised code at once (the first compile of 10,000 rules takes 288–363 ms instead of 444–512 ms of thread
        // CPU; docs/benchmarks.md, rule matcher). It needs a runtime identifier; costs a larger package, nothing at run time.
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
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

        var missing = Missing(output);
        if (missing.Count > 0)
        {
            await log.WriteLineAsync($"the published app is incomplete; missing: {string.Join(", ", missing)}");
            return 1;
        }

        if (zipPath is not null)
        {
            Zip(output, zipPath);
            await log.WriteLineAsync($"package: {zipPath}");
        }

        await log.WriteLineAsync($"package folder: {output}");
        return 0;
    }

    /// <summary>
    /// What the host would miss in <paramref name="appRoot"/>: the <see cref="RequiredFiles"/>, the worker named by
    /// worker.config.json, and each extension assembly extensions.json points to (under .azurefunctions/).
    /// </summary>
    public static IReadOnlyList<string> Missing(string appRoot)
    {
        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(appRoot, f))).ToList();
        if (File.Exists(Path.Combine(appRoot, "worker.config.json"))
            && JsonNode.Parse(File.ReadAllText(Path.Combine(appRoot, "worker.config.json")))?["description"]?["defaultWorkerPath"]?.GetValue<string>() is { } worker
            && !File.Exists(Path.Combine(appRoot, worker)))
        {
            missing.Add(worker);
        }

        if (File.Exists(Path.Combine(appRoot, "extensions.json")))
        {
            var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(appRoot, "extensions.json")))?["extensions"]?.AsArray() ?? [];
            missing.AddRange(extensions
                .Select(e => e?["hintPath"]?.GetValue<string>())
                .OfType<string>()
                .Where(hint => !File.Exists(Path.Combine(appRoot, hint))));
        }

        return missing;
    }

    /// <summary>Zips the app root; the worker's apphost gets Unix mode 0755, other files 0644.</summary>
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
