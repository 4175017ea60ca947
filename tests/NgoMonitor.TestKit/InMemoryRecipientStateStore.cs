using System.Collections.Concurrent;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>Recipients whose SMS number cannot be used, in memory.</summary>
public sealed class InMemoryRecipientStateStore : IRecipientStateStore
{
    private readonly ConcurrentDictionary<string, string> _blocked = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, string>> GetSmsBlockedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(_blocked, StringComparer.Ordinal));

    public Task BlockSmsAsync(string recipientId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _blocked[recipientId] = reason;
        return Task.CompletedTask;
    }
}
