using System.ComponentModel.DataAnnotations;

namespace Monitoring.ServiceDefaults.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>
    /// How often the relay looks for outbox rows nobody signalled: rows left by a crash or by a
    /// replica that stopped, and rows of other replicas.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 200;
}
