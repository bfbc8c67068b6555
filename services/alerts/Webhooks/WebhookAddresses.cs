using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// Where a webhook may be delivered, and how: https to public unicast addresses (see
/// <see cref="WebhookOptions.AllowPrivateAddresses"/> for private receivers); plain http only in Development and
/// Testing, and then only to a host that resolves to loopback alone, a receiver on the same machine. The check runs at
/// registration and again on the addresses a name resolves to at the moment of connecting (so a name that changes to
/// 127.0.0.1 after registration, DNS rebinding, is refused too), and the connection goes to an address that passed it.
/// </summary>
public class WebhookAddresses(IOptions<WebhookOptions> options, IHostEnvironment environment)
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

    /// <summary>What <see cref="WebhookOptions.AllowPrivateAddresses"/> opens outside Development and Testing.</summary>
    static readonly IPNetwork[] Private = [.. new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" }.Select(IPNetwork.Parse)];

    /// <summary>IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, 6to4 in bits 16–47).</summary>
    static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Development and Testing: plain http to this machine, and with <see cref="WebhookOptions.AllowPrivateAddresses"/> any address.</summary>
    bool OnThisMachine => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>Whether <paramref name="address"/> is a public unicast address (mapped and embedded IPv4 addresses judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address) => !NotPublic.Any(network => network.Contains(Effective(address)));

    /// <summary>The address a packet to <paramref name="address"/> reaches: the IPv4 address mapped or embedded (NAT64, 6to4) in an IPv6 one.</summary>
    static IPAddress Effective(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address))
                return Effective(new IPAddress(bytes[12..16]));
            if (SixToFour.Contains(address))
                return Effective(new IPAddress(bytes[2..6]));
        }
        return address;
    }

    /// <summary>Whether a webhook may connect to <paramref name="address"/> here.</summary>
    public bool Permits(IPAddress address) =>
        IsPublic(address)
        || (options.Value.AllowPrivateAddresses && (OnThisMachine || Private.Any(network => network.Contains(Effective(address)))));

    /// <summary>The addresses of <paramref name="host"/> (an IP literal or a name).</summary>
    public virtual async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    /// <summary>
    /// Why a webhook may not be sent to <paramref name="host"/> with <paramref name="scheme"/>, or null with the addresses
    /// it may connect to.
    /// </summary>
    public async Task<(IPAddress[] Allowed, string? Refusal)> CheckAsync(string scheme, string host, CancellationToken ct)
    {
        if (scheme != Uri.UriSchemeHttps && !(scheme == Uri.UriSchemeHttp && OnThisMachine))
            return ([], OnThisMachine ? "only https, or http to loopback" : "only https");
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
        // Plain http carries the signed warning readable on the way: only to this machine, every address of the name.
        if (scheme == Uri.UriSchemeHttp && !addresses.All(a => IPAddress.IsLoopback(Effective(a))))
            return ([], "plain http only to a host that resolves to loopback alone (use https)");
        var allowed = addresses.Where(Permits).ToArray();
        return allowed.Length == 0
            ? ([], "the host resolves only to loopback, private, link-local or other non-public addresses")
            : (allowed, null);
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses it unless the request's scheme and an
    /// address are allowed, and connects to an allowed one.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? "";
        var (allowed, refusal) = await CheckAsync(scheme, context.DnsEndPoint.Host, ct);
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
