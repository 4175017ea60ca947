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
/// </summary>
public static class NetworkGuard
{
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
    public static string? RefusalForLiteral(Uri url, bool allowPrivate)
    {
        if (allowPrivate)
        {
            return null;
        }

        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var ip) && !IsPublic(ip)
            ? $"refused: {ip} is not a public address"
            : null;
    }

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

        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            // Refuse the name as a whole when any of its addresses is private: a mixed answer is a rebinding trick.
            throw new AddressRefusedException($"refused: {host} resolves to {refused}, which is not a public address");
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint remote && !IsPublic(remote.Address))
                {
                    throw new AddressRefusedException($"refused: connected to {remote.Address}, which is not a public address");
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
