using System.ComponentModel.DataAnnotations;
using Monitoring.Contracts;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// The <c>Access</c> section. Keys listed here (by their SHA-256, never in clear) work without a database row:
/// they bootstrap the first operator and let a deployment hand keys to every service in a secret.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public List<ConfiguredKey> Keys { get; init; } = [];

    /// <summary>How long a found key is trusted before it is looked up again: the longest a revocation takes to bite.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed authentications a client address may make within <see cref="FailedAuthenticationWindow"/>: a request to a
    /// protected endpoint without a key, an <c>Authorization</c> header that is not <c>Bearer</c>, an unknown or revoked
    /// key. Once they are used up, every request from that address that presents a key or needs one is refused with 429
    /// and <c>Retry-After</c> until the window passes, a valid key included: were a valid key let through, a guesser would
    /// learn from the 429s which guesses were wrong, and the limit would not slow guessing at all. Keys are not looked up
    /// meanwhile, so the database is not queried for the address either. Anonymous endpoints (health, metrics, OpenAPI,
    /// the public catalogue) stay open. IPv6 clients are counted by their /64, which one host usually owns whole.
    /// </summary>
    [Range(1, 100_000)]
    public int FailedAuthenticationLimit { get; init; } = 30;

    /// <summary>The window <see cref="FailedAuthenticationLimit"/> counts in; an address refused waits at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FailedAuthenticationWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a key found in no table is remembered as unknown, so that a flood of one bad key (from many addresses)
    /// costs one database query per this time; 0 turns it off. A key issued meanwhile is forgotten at once by the
    /// instance that consumes its <see cref="ApiKeyIssued"/>; another replica of the same service that was asked for the
    /// key before the announcement reached this service accepts it at the latest this much later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan UnknownKeyCacheDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most unknown keys remembered at once (a flood of distinct random keys must not grow memory without end).</summary>
    [Range(1, 10_000_000)]
    public int UnknownKeyCacheSize { get; init; } = 100_000;
}

public sealed class ConfiguredKey
{
    [Required]
    public string Name { get; init; } = "";

    public AccessRole Role { get; init; }

    public string? Region { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key, as <see cref="ApiKeys.Hash"/> computes it.</summary>
    [Required, RegularExpression(@"\A[0-9a-f]{64}\z")]
    public string Hash { get; init; } = "";
}
