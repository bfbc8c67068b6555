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
