using System.ComponentModel.DataAnnotations;

namespace Monitoring.Ingest;

/// <summary>The <c>Ingest</c> section: limits, publishing and the per-key rate limit.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>How long a request waits for the broker's confirmation before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest JSON body of a single endpoint; 10,000 results fit in about 2.5 MB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The largest line of an import; a longer line is refused and the import goes on.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxImportLineBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Messages an import publishes before it waits for their confirmations and answers their lines.</summary>
    [Range(1, 100_000)]
    public int ImportBatchSize { get; init; } = 1000;

    /// <summary>Requests a key may make per second, on average.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerSecond { get; init; } = 50;

    /// <summary>Requests a key may make at once above the average.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitBurst { get; init; } = 100;

    /// <summary>
    /// How long a request's claim on its <c>Idempotency-Key</c> lasts unless renewed; the serving request renews it every
    /// third of this. A retry sent while the claim holds is answered 409 with <c>Retry-After</c>; after the serving
    /// process died, the retry is served once the claim lapsed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan IdempotencyLease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a stored answer to an <c>Idempotency-Key</c> is kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a plan's ledger of messages (what its closing counts) is kept after the plan's last message: longer
    /// than any plan runs, so a closing never counts a plan whose early messages were dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "3650.00:00:00")]
    public TimeSpan PlanLedgerRetention { get; init; } = TimeSpan.FromDays(400);
}
