using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Monitoring.Console.Session;

/// <summary>
/// Failed sign-ins per client address. Every sign-in is checked at ingest, and the services limit failed authentications per
/// calling address: without this, one person guessing keys at the console would spend the budget of the console's own
/// address and lock every clerk out with it. Here the guesser meets the limit first, and alone.
/// </summary>
public sealed class SignInLimiter(IOptions<ConsoleOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInFailureLimit,
            Window = options.Value.SignInWindow,
            QueueLimit = 0,
        }));

    /// <summary>Whether this address may try once more.</summary>
    public bool MayTry(string address)
    {
        using var lease = failures.AttemptAcquire(address, 0);
        return lease.IsAcquired;
    }

    public void Failed(string address)
    {
        using var lease = failures.AttemptAcquire(address, 1);
    }

    public void Dispose() => failures.Dispose();
}
