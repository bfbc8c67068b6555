using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// Where a webhook may be delivered: public unicast addresses only, unless
/// <see cref="WebhookOptions.AllowPrivateAddresses"/>. The check runs on the addresses a name resolves to
/// at the moment of connecting (so a name that changes to 127.0.0.1 after registration, DNS rebinding,
/// is refused too), and the connection goes to an address that passed it.
/// </summary>
public class WebhookAddresses(IOptions<WebhookOptions> options)
{
    static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
            "240.0.0.0/4", "::/96", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    /// <summary>IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, 6to4 in bits 16–47).</summary>
    static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public bool AllowPrivate => options.Value.AllowPrivateAddresses;

    /// <summary>Whether <paramref name="address"/> is a public unicast address (mapped and embedded IPv4 addresses judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address))
                return IsPublic(new IPAddress(bytes[12..16]));
            if (SixToFour.Contains(address))
                return IsPublic(new IPAddress(bytes[2..6]));
        }
        return !NotPublic.Any(network => network.Contains(address));
    }

    /// <summary>The addresses of <paramref name="host"/> (an IP literal or a name).</summary>
    public virtual async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Why <paramref name="host"/> may not be called, or null with the addresses that may be.</summary>
    public async Task<(IPAddress[] Allowed, string? Refusal)> CheckAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, ct);
        }
        catch (SocketException)
        {
            return ([], "the host name does not resolve");
        }
        if (addresses.Length == 0)
            return ([], "the host name does not resolve");
        var allowed = AllowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
        return allowed.Length == 0
            ? ([], "the host resolves only to loopback, private, link-local or other non-public addresses")
            : (allowed, null);
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses it unless an address is
    /// allowed, and connects to an allowed one.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (allowed, refusal) = await CheckAsync(context.DnsEndPoint.Host, ct);
        if (refusal is not null)
            throw new WebhookAddressRefusedException($"{context.DnsEndPoint.Host}: {refusal}");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery refused because its host is not a public address.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
