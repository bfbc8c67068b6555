using System.ComponentModel.DataAnnotations;

namespace Monitoring.ServiceDefaults.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema this service owns; its tables live there and nowhere else.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "";

    /// <summary>How long a starting replica waits for another replica's migration to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long start-up work waits for a database that is out of reach (restarting, failing over) before the service
    /// gives up starting (<see cref="StartupRetry"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StartupPatience { get; set; } = TimeSpan.FromMinutes(2);
}
