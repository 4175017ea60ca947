using System.Collections.Concurrent;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>Watchlist matches recorded in memory, in the order they were added.</summary>
public sealed class InMemoryMatchStore : IMatchStore
{
    private readonly ConcurrentQueue<WatchlistMatch> _matches = new();

    public IReadOnlyCollection<WatchlistMatch> Matches => _matches;

    public Task AddAsync(IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Watchlist> watchlists, DateTimeOffset matchedAt, CancellationToken cancellationToken)
    {
        foreach (var match in matches)
        {
            _matches.Enqueue(match);
        }

        return Task.CompletedTask;
    }
}
