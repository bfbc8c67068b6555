using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// The per-address limit on failed authentication (<see cref="AccessOptions.FailedAuthenticationLimit"/> within
/// <see cref="AccessOptions.FailedAuthenticationWindow"/>): a fixed window per client address, System.Threading.RateLimiting's
/// <see cref="PartitionedRateLimiter"/>, whose permits are the failures an address may still make. A failure takes a
/// permit; an address without permits is refused until its window is replenished. Partitions of addresses that have
/// failed nothing are dropped by the limiter after a few seconds idle, so memory follows the failing addresses.
/// </summary>
/// <remarks>
/// The limiter reads the monotonic clock (<c>Stopwatch</c>), not <see cref="TimeProvider"/>: System.Threading.RateLimiting
/// takes no time provider, and the window is a span of real time anyway, never a business deadline.
/// </remarks>
public sealed class AuthenticationFailures : IDisposable
{
    readonly PartitionedRateLimiter<string> limiter;
    readonly AccessMetrics metrics;
    readonly ILogger<AuthenticationFailures> logger;
    readonly AccessOptions options;

    public AuthenticationFailures(IOptions<AccessOptions> options, AccessMetrics metrics, ILogger<AuthenticationFailures> logger)
    {
        this.options = options.Value;
        this.metrics = metrics;
        this.logger = logger;
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = this.options.FailedAuthenticationLimit,
            Window = this.options.FailedAuthenticationWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => window));
    }

    /// <summary>
    /// Who a request comes from, as the limit counts it: its address (the forwarded one when forwarded headers are on),
    /// an IPv4 address mapped into IPv6 as IPv4, an IPv6 address by its /64.
    /// </summary>
    public static string ClientOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>How long <paramref name="client"/> must wait, when it has used up its failures; null when it has not.</summary>
    public TimeSpan? Refusal(string client)
    {
        using var lease = limiter.AttemptAcquire(client, 0);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>
    /// Counts a failed authentication of <paramref name="client"/>. Null when it was within the limit (the caller answers
    /// 401), else how long the client must wait (429): it had used up its failures already.
    /// </summary>
    public TimeSpan? Fail(string client, string reason)
    {
        using (var lease = limiter.AttemptAcquire(client))
        {
            if (!lease.IsAcquired)
                return RetryAfter(lease);
        }
        metrics.Failures.WithLabels(reason).Inc();
        if (Refusal(client) is not null)
            logger.LogWarning(
                "Client {Client} failed authentication {Limit} times within {Window}; its requests that need a key are refused with 429 until the window passes",
                client, options.FailedAuthenticationLimit, options.FailedAuthenticationWindow);
        return null;
    }

    /// <summary>Counts a request refused because its client had used up its failures.</summary>
    public void CountLimited() => metrics.Limited.Inc();

    // A fixed window's refusal carries the whole window as its wait: an upper bound of the time left.
    TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : options.FailedAuthenticationWindow;

    public void Dispose() => limiter.Dispose();
}
