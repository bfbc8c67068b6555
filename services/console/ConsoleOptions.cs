using System.ComponentModel.DataAnnotations;

namespace Monitoring.Console;

/// <summary>The <c>Console</c> section: where the four services answer, and where the session keys live.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    [Required]
    public Uri? Ingest { get; init; }

    [Required]
    public Uri? Scoring { get; init; }

    [Required]
    public Uri? Alerts { get; init; }

    [Required]
    public Uri? Notice { get; init; }

    /// <summary>
    /// A folder for the Data Protection key ring that encrypts the session cookie. Unset, the keys live in memory: a restart
    /// signs every clerk out, and a second replica cannot read the first one's cookies. Several replicas need one key ring
    /// that all of them read and write (a shared volume here; docs/deploying.md, "The centers' console").
    /// </summary>
    public string? KeyRingPath { get; init; }

    /// <summary>How long one call to a service may take before the page says the service cannot be reached.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Failed sign-ins a client address may make within <see cref="SignInWindow"/>; then it waits for the window to pass.</summary>
    [Range(1, 1000)]
    public int SignInFailureLimit { get; init; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(1);
}
