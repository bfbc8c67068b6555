using Prometheus;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>Counters of the reliable-messaging path, beside MassTransit's own meters on <c>/metrics</c>.</summary>
public static class MessagingMetrics
{
    public static readonly Counter Consumed = Metrics.CreateCounter(
        "monitoring_messages_consumed_total", "Messages whose state change committed, by consumer and message type.",
        new CounterConfiguration { LabelNames = ["consumer", "message_type"] });

    public static readonly Counter Duplicates = Metrics.CreateCounter(
        "monitoring_inbox_duplicates_total", "Redelivered messages the inbox recognised and dropped, by consumer.",
        new CounterConfiguration { LabelNames = ["consumer"] });

    public static readonly Counter OutboxWritten = Metrics.CreateCounter(
        "monitoring_outbox_written_total", "Messages written to the outbox, by message type.",
        new CounterConfiguration { LabelNames = ["message_type"] });

    public static readonly Counter OutboxRelayed = Metrics.CreateCounter(
        "monitoring_outbox_relayed_total", "Outbox messages published to the broker, by message type.",
        new CounterConfiguration { LabelNames = ["message_type"] });

    public static readonly Counter OutboxRelayFailures = Metrics.CreateCounter(
        "monitoring_outbox_relay_failures_total", "Relay passes that failed and will be retried.");

    public static readonly Histogram OutboxLag = Metrics.CreateHistogram(
        "monitoring_outbox_lag_seconds", "Time from an outbox row's commit to its publication.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 4, 10) });
}
