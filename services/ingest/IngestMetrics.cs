using Prometheus;

namespace Monitoring.Ingest;

public static class IngestMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter(
        "monitoring_ingest_requests_total", "Ingest requests by endpoint and outcome (accepted, rejected, unavailable).",
        new CounterConfiguration { LabelNames = ["endpoint", "outcome"] });
}
