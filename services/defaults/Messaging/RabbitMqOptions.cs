using System.ComponentModel.DataAnnotations;

namespace Monitoring.ServiceDefaults.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    [Required]
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>
    /// Messages the broker may push ahead of acknowledgement. MassTransit's default (16 on two cores)
    /// left consumers behind the publishers on these machines; see NOTES.md.
    /// </summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 128;

    /// <summary>Messages one receive endpoint handles at once; bounded by the database pool.</summary>
    [Range(1, 1_000)]
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>Immediate retries before a message moves to its endpoint's <c>_error</c> queue.</summary>
    public TimeSpan[] RetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>Declare receive queues as quorum queues, for a clustered broker.</summary>
    public bool QuorumQueues { get; set; }
}
