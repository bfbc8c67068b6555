using Prometheus;

namespace Monitoring.Alerts;

public static class AlertsMetrics
{
    public static readonly Counter Warnings = Metrics.CreateCounter(
        "monitoring_alerts_warnings_total", "Warnings raised or escalated, by level and kind.",
        new CounterConfiguration { LabelNames = ["level", "kind"] });

    public static readonly Counter Deliveries = Metrics.CreateCounter(
        "monitoring_alerts_webhook_attempts_total", "Webhook delivery attempts, by outcome (delivered, retry, failed).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Gauge DeliveriesPending = Metrics.CreateGauge(
        "monitoring_alerts_webhook_pending", "Deliveries waiting for their next attempt.");

    public static readonly Counter Overdue = Metrics.CreateCounter(
        "monitoring_alerts_rectifications_overdue_total", "Rectification tasks escalated as overdue by the sweeper.");
}
