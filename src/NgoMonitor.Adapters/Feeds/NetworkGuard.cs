using System.Net;
using System.Net.Sockets;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// Server-side request forgery guard for feed fetching. A feed URL must resolve to public unicast addresses only:
/// loopback, RFC 1918 private, carrier-grade NAT (RFC 6598), link-local (RFC 3927, which holds the cloud metadata
/// address 169.254.169.254), unique-local IPv6 (RFC 4193), multicast, "this network" and the documentation and
/// benchmarking ranges (RFC 5737, RFC 2544, RFC 3849) are refused unless the request carries
/// <see cref="AllowPrivateNetwork"/> (set for feeds an admin marked as intranet or test feeds).
/// The check runs in <see cref="SocketsHttpHandler.ConnectCallback"/>, i.e. on every connection of every redirect
/// hop, BEFORE any packet is sent; the socket then connects to the very address that was checked, so a DNS answer
/// that changes between check and connect (DNS rebinding) cannot swap it.
/// The allowance never covers link-local addresses (169.254.0.0/16, fe80::/10), which hold the cloud instance metadata
/// services (169.254.169.254, and fd00:ec2::254, 100.100.100.200 by name below), nor "this network", multicast or
/// broadcast (<see cref="IsNeverAllowed"/>): no feed, however configured, reaches the host's credentials.
/// A request made under the allowance goes through a client with a connection pool of its own (<see cref="HttpFeedFetcher"/>),
/// so no pooled connection opened for an allowed feed is reused by a request that was not allowed to open it.
/// </summary>
public static class NetworkGuard
{
    /// <summary>Cloud metadata endpoints outside link-local (Alibaba Cloud, AWS IPv6).</summary>
    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>True for an address no feed may reach even with the private-network allowance.</summary>
    public static bool IsNeverAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (MetadataAddresses.Contains(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224;
        }

        return address.AddressFamily != AddressFamily.InterNetworkV6
            || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None);
    }

    /// <summary>The reason an address is refused for a request with or without the allowance, or null when it may be reached.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate) => Why(address, allowPrivate) is { } why ? $"refused: {address} is {why}" : null;

    private static string? Why(IPAddress address, bool allowPrivate) =>
        IsNeverAllowed(address) ? "link-local, metadata or not unicast, which no feed may reach"
        : !allowPrivate && !IsPublic(address) ? "not a public address"
        : null;

    /// <summary>Request option: true lets this request reach loopback and private addresses.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateNetwork = new("Monitor.AllowPrivateNetwork");

    /// <summary>True for an address a public feed may live at.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // 0.0.0.0/8 "this network"
                || b[0] == 10 // RFC 1918
                || b[0] == 127 // loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128) // RFC 6598 shared address space
                || (b[0] == 169 && b[1] == 254) // RFC 3927 link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32) // RFC 1918
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // RFC 6890 IETF protocol assignments
                || (b[0] == 192 && b[1] == 0 && b[2] == 2) // RFC 5737 TEST-NET-1
                || (b[0] == 192 && b[1] == 168) // RFC 1918
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // RFC 2544 benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) // RFC 5737 TEST-NET-2
                || (b[0] == 203 && b[1] == 0 && b[2] == 113) // RFC 5737 TEST-NET-3
                || b[0] >= 224); // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(IPAddress.IsLoopback(address)
                || address.Equals(IPAddress.IPv6None) // ::
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local (RFC 4193)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation (RFC 3849)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)); // 64:ff9b::/96 NAT64 can reach anything (RFC 6052)
        }

        return false;
    }

    /// <summary>
    /// The reason an address literal in a URL is refused, or null. Lets the fetcher refuse a redirect to
    /// "http://10.0.0.1/" with a clear message before it even builds the request; the connect callback remains the
    /// authority for host names.
    /// </summary>
    public static string? RefusalForLiteral(Uri url, bool allowPrivate) =>
        IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var ip) ? Refusal(ip, allowPrivate) : null;

    /// <summary>
    /// Whether a request to <paramref name="url"/> carries a feed's private-network allowance: only when the feed has
    /// it and the URL is on the feed's exact origin (scheme, host, port; RFC 6454). A redirect elsewhere, even to
    /// another port of the same host, is fetched as a public URL.
    /// </summary>
    public static bool AllowsPrivate(Uri feedUrl, bool feedAllowsPrivate, Uri url) =>
        feedAllowsPrivate
        && string.Equals(url.Scheme, feedUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, feedUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == feedUrl.Port;

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, refuse non-public addresses unless allowed, connect
    /// to the checked address itself, then confirm the socket's remote end is that address.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateNetwork, out var allowed) && allowed;
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{host} has no address");
        }

        if (addresses.FirstOrDefault(a => Why(a, allowPrivate) is not null) is { } refused)
        {
            // Refuse the name as a whole when any of its addresses is refused: a mixed answer is a rebinding trick.
            throw new AddressRefusedException($"refused: {host} resolves to {refused}, which is {Why(refused, allowPrivate)}");
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                if (socket.RemoteEndPoint is IPEndPoint remote && Why(remote.Address, allowPrivate) is { } why)
                {
                    throw new AddressRefusedException($"refused: connected to {remote.Address}, which is {why}");
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"could not connect to {host}: {last?.Message}", last);
    }
}
