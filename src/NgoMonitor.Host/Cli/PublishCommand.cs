using System.CommandLine;
using NgoMonitor.Host.Deploy;

namespace NgoMonitor.Host.Cli;

/// <summary>`publish --output folder [--zip file]`: the Functions deployment package, built from the repository.</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Folder to write the package to.", Required = true, HelpName = "folder" };
        var zip = new Option<string?>("--zip") { Description = "Also write the package as this zip file.", HelpName = "file.zip" };
        var command = new Command("publish", "Build the Functions deployment package (run inside the repository: dotnet run --project src/NgoMonitor.Host -- publish ...).") { output, zip };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(output), parse.GetValue(zip), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string folder, string? zip, TextWriter output, TextWriter error)
    {
        if (FunctionPackage.FindRepositoryRoot(Directory.GetCurrentDirectory()) is not { } root)
        {
            await error.WriteLineAsync("publish runs inside the repository (Monitor.sln not found above the current folder)");
            return Commands.UsageError;
        }

        return await FunctionPackage.PublishAsync(root, Path.GetFullPath(folder), zip is null ? null : Path.GetFullPath(zip), output);
    }
}
