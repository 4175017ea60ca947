using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Adapters.Storage;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

/// <summary>Table creation with scripted failures: retried at start-up on the fake clock, and again on later use.</summary>
public sealed class MonitorTablesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private sealed class ScriptedCreation(int failures)
    {
        public int Attempts { get; private set; }

        public Task CreateAsync() => ++Attempts <= failures ? Task.FromException(new IOException("storage unreachable " + Attempts)) : Task.CompletedTask;
    }

    private MonitorTables Tables(ScriptedCreation creation) => new(Options.Create(new StorageOptions()), _time, creation.CreateAsync);

    [Fact]
    public async Task CreateAtStart_FailsTwiceThenSucceeds_RetriesAfterTwoAndThenFourSeconds()
    {
        var creation = new ScriptedCreation(failures: 2);
        var retries = new List<int>();

        var start = Tables(creation).CreateAtStartAsync(5, TimeSpan.FromSeconds(2), (attempt, _) => retries.Add(attempt), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        var afterFirstWait = creation.Attempts;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Null(await start);
        Assert.Equal(1, afterFirstWait);
        Assert.Equal(3, creation.Attempts);
        Assert.Equal([1, 2], retries);
    }

    [Fact]
    public async Task CreateAtStart_EveryTryFails_GivesUpAfterTheBoundWithTheLastFailure()
    {
        var creation = new ScriptedCreation(failures: int.MaxValue);

        var start = Tables(creation).CreateAtStartAsync(3, TimeSpan.FromSeconds(2), null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(4));

        var failure = Assert.IsType<IOException>(await start);
        Assert.Equal("storage unreachable 3", failure.Message);
        Assert.Equal(3, creation.Attempts);
    }

    [Fact]
    public async Task EnsureCreated_AfterAFailedCreation_TriesAgainAndThenKeepsTheSuccess()
    {
        var creation = new ScriptedCreation(failures: 1);
        var tables = Tables(creation);

        await Assert.ThrowsAsync<IOException>(tables.EnsureCreatedAsync);
        await tables.EnsureCreatedAsync();
        await tables.EnsureCreatedAsync();

        Assert.Equal(2, creation.Attempts);
    }
}
