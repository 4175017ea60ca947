namespace NgoMonitor.Tests.TestKit;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The worker's own build output (same configuration as the tests): a complete Functions app root, with the
    /// functions.metadata, .azurefunctions/ and worker.config.json the worker SDK writes there.
    /// </summary>
    public static string WorkerApp { get; } = Combine("src", "NgoMonitor.Host", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }
}
