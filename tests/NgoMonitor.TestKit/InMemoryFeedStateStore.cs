using System.Collections.Concurrent;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>Feed states in memory; a feed never saved has a fresh state (due at once).</summary>
public sealed class InMemoryFeedStateStore : IFeedStateStore
{
    private readonly ConcurrentDictionary<string, FeedState> _states = new(StringComparer.Ordinal);

    /// <summary>Every stored state, by feed id.</summary>
    public IReadOnlyDictionary<string, FeedState> States => _states;

    /// <summary>Clears every feed's next check, so all are due.</summary>
    public void MakeAllDue()
    {
        foreach (var (id, state) in _states)
        {
            _states[id] = state with { NextCheck = null };
        }
    }

    public Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken) => Task.FromResult(_states.GetValueOrDefault(feedId) ?? new FeedState(feedId));

    public Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, FeedState>>(new Dictionary<string, FeedState>(_states, StringComparer.Ordinal));

    public Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        _states[state.FeedId] = state;
        return Task.CompletedTask;
    }
}
