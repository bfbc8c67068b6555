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
    /// Requests without a valid key that a client address may make to protected endpoints per second (beyond
    /// the burst, 429): guessing keys is slow, and a client with a broken key is told so without flooding the log.
    /// </summary>
    [Range(1, 10_000)]
    public int UnauthenticatedPerSecond { get; init; } = 10;

    [Range(1, 100_000)]
    public int UnauthenticatedBurst { get; init; } = 20;
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
