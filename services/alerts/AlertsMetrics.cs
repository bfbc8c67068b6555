using Prometheus;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Alerts;

public sealed class AlertsMetrics(HostMetrics host)
{
    public Counter Warnings { get; } = host.Factory.CreateCounter(
        "monitoring_alerts_warnings_total", "Warnings raised or escalated, by level and kind.",
        new CounterConfiguration { LabelNames = ["level", "kind"] });

    public Counter Deliveries { get; } = host.Factory.CreateCounter(
        "monitoring_alerts_webhook_attempts_total", "Webhook delivery attempts, by outcome (delivered, retry, failed).",
        new CounterConfiguration { LabelNames = ["outcome"] }).WithSeries(["delivered", "retry", "failed"]);

    public Gauge DeliveriesPending { get; } = host.Factory.CreateGauge(
        "monitoring_alerts_webhook_pending", "Deliveries waiting for their next attempt.");

    public Counter Overdue { get; } = host.Factory.CreateCounter(
        "monitoring_alerts_rectifications_overdue_total", "Rectification tasks escalated as overdue by the sweeper.");
}
