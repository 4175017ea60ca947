namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// The connect callback refused a feed's address (not public, and private networks not allowed for that feed). An
/// <see cref="HttpRequestException"/> so the handler passes it on as a connection failure; the fetcher tells it apart
/// by type, wherever in the chain of inner exceptions the handler put it.
/// </summary>
public sealed class AddressRefusedException(string message) : HttpRequestException(message)
{
    /// <summary>Whether <paramref name="exception"/> is, or wraps, a refusal.</summary>
    public static bool IsRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
