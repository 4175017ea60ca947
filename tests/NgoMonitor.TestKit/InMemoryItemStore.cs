using System.Collections.Concurrent;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>Items seen, by id, in memory.</summary>
public sealed class InMemoryItemStore : IItemStore
{
    private readonly ConcurrentDictionary<string, FeedItem> _items = new(StringComparer.Ordinal);

    public IReadOnlyCollection<FeedItem> Items => [.. _items.Values];

    public Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FeedItem>>([.. items.Where(i => !_items.ContainsKey(i.Id))]);

    public Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            _items.TryAdd(item.Id, item);
        }

        return Task.CompletedTask;
    }
}
