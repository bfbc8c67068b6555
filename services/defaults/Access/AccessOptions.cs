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
}

public sealed class ConfiguredKey
{
    [Required]
    public string Name { get; init; } = "";

    public AccessRole Role { get; init; }

    public string? Region { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key, as <see cref="ApiKeys.Hash"/> computes it.</summary>
    [Required, RegularExpression("^[0-9a-f]{64}$")]
    public string Hash { get; init; } = "";
}
