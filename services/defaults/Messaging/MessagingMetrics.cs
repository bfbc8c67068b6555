using Dapper;
using Npgsql;
using Prometheus;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>Counters of the reliable-messaging path, beside MassTransit's own meters on <c>/metrics</c>.</summary>
public sealed class MessagingMetrics(HostMetrics host)
{
    public Counter Consumed { get; } = host.Factory.CreateCounter(
        "monitoring_messages_consumed_total", "Messages whose state change committed, by consumer and message type.",
        new CounterConfiguration { LabelNames = ["consumer", "message_type"] });

    public Counter Duplicates { get; } = host.Factory.CreateCounter(
        "monitoring_inbox_duplicates_total", "Redelivered messages the inbox recognised and dropped, by consumer.",
        new CounterConfiguration { LabelNames = ["consumer"] });

    public Counter OutboxWritten { get; } = host.Factory.CreateCounter(
        "monitoring_outbox_written_total", "Messages written to the outbox, by message type.",
        new CounterConfiguration { LabelNames = ["message_type"] });

    public Counter OutboxRelayed { get; } = host.Factory.CreateCounter(
        "monitoring_outbox_relayed_total", "Outbox messages published to the broker, by message type.",
        new CounterConfiguration { LabelNames = ["message_type"] });

    public Counter OutboxRelayFailures { get; } = host.Factory.CreateCounter(
        "monitoring_outbox_relay_failures_total", "Relay passes that failed and will be retried.");

    public Histogram OutboxLag { get; } = host.Factory.CreateHistogram(
        "monitoring_outbox_lag_seconds", "Time from an outbox row's commit to its publication.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 4, 10) });
}

/// <summary>
/// <c>monitoring_outbox_pending</c> and <c>monitoring_outbox_oldest_seconds</c>, read from the outbox at scrape time:
/// a relay that stopped shows here even though it observes no lag.
/// </summary>
public sealed class OutboxGauges(HostMetrics host, NpgsqlDataSource dataSource) : IScrapeGauges
{
    readonly Gauge pending = host.Factory.CreateGauge("monitoring_outbox_pending", "Outbox rows not yet published (the same on every replica).");
    readonly Gauge oldest = host.Factory.CreateGauge("monitoring_outbox_oldest_seconds",
        "Age of the oldest unpublished outbox row, 0 when none (the same on every replica).");

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (count, age) = await connection.QuerySingleAsync<(long, double)>(new CommandDefinition(
            "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM outbox", cancellationToken: ct));
        pending.Set(count);
        oldest.Set(Math.Max(0, age));
    }
}
