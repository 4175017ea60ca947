using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>
/// The outbox's promise under a real crash: the host runs as its own process (`NgoMonitor.Host.dll poll --once`), the
/// fake Twilio API holds the send request open while the row is "Sending", the test kills the process
/// (Process.Kill), restarts it, and counts what reached the fake. Whether or not the killed request had created the
/// message, the officer gets exactly one SMS.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("killed after Twilio created the message: the restart finds it and does not resend", true, 1)]
    [InlineData("killed before Twilio created it: the restart finds nothing and sends it once", false, 2)]
    public async Task Poll_ProcessKilledWhileSending_RestartDeliversExactlyOnce(string label, bool createdBeforeKill, int requestsExpected)
    {
        await using var feeds = await FeedServer.StartAsync();
        var published = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        feeds.ServeText("wire.xml", AlertScenario.Rss(published, ("crash-1", "Airstrike hits market in Azaz", "Several killed in Azaz.")));
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.HoldAfterAccepting = createdBeforeKill;
        twilio.HoldBeforeAccepting = !createdBeforeKill;
        var config = AlertScenario.Config([("wire", feeds.Url("wire.xml"))], AlertScenario.Officer());
        var prefix = AzuriteFixture.NewTablePrefix();
        string[] args =
        [
            "poll", "--once",
            $"--Storage:ConnectionString={azurite.ConnectionString}", $"--Storage:TablePrefix={prefix}", $"--Monitor:ConfigPath={config}",
            "--Alerts:SendingLease=00:00:00", "--Twilio:RetryAttempts=0", "--urls=http://127.0.0.1:0", .. twilio.Settings(),
        ];

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var first = StartHost(args, output))
        {
            var arrived = await Task.WhenAny(twilio.RequestArrived, first.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(arrived == twilio.RequestArrived, "no request reached the fake; host output:\n" + string.Join('\n', output));
            Assert.Equal("Sending", (await OutboxAsync(prefix)).Single().GetString("Status"));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        twilio.HoldAfterAccepting = false;
        twilio.HoldBeforeAccepting = false;
        using (var second = StartHost(args, output))
        {
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(second.ExitCode == 0, label + ": exit code " + second.ExitCode.ToString(CultureInfo.InvariantCulture) + "\n" + string.Join('\n', output));
        }

        Assert.True(twilio.Requests.Count == requestsExpected, $"{label}: {twilio.Requests.Count} send requests");
        var message = Assert.Single(twilio.Accepted);
        Assert.NotEmpty(twilio.ListQueries);
        var row = (await OutboxAsync(prefix)).Single();
        Assert.Equal("Sent", row.GetString("Status"));
        Assert.Equal(message.Sid, row.GetString("ProviderMessageId"));
    }

    private static Process StartHost(string[] args, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "NgoMonitor.Host.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<List<TableEntity>> OutboxAsync(string prefix)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Outbox").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
