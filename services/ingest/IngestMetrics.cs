using Prometheus;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Ingest;

/// <summary>
/// Ingest's own series; refusals are <c>monitoring_requests_rejected_total{endpoint,reason}</c>, shared by every
/// service. Import throughput is <c>rate(monitoring_ingest_import_lines_total[1m])</c>.
/// </summary>
public sealed class IngestMetrics(HostMetrics host)
{
    public Counter Requests { get; } = host.Factory.CreateCounter(
        "monitoring_ingest_requests_total", "Ingest requests served, by endpoint and outcome (accepted, replayed, unavailable).",
        new CounterConfiguration { LabelNames = ["endpoint", "outcome"] });

    public Counter InvalidFields { get; } = host.Factory.CreateCounter(
        "monitoring_ingest_invalid_fields_total", "Fields named in refusals, by endpoint and field (array positions left out).",
        new CounterConfiguration { LabelNames = ["endpoint", "field"] });

    public Counter FactsAccepted { get; } = host.Factory.CreateCounter(
        "monitoring_ingest_facts_accepted_total", "Facts accepted (a result, a survey answer, a video segment, a certificate, a plan's filing…), by the message type carrying them: the events in.",
        new CounterConfiguration { LabelNames = ["message_type"] }).WithSeries(Types);

    public Counter Published { get; } = host.Factory.CreateCounter(
        "monitoring_ingest_messages_published_total", "Messages the broker confirmed, by message type.",
        new CounterConfiguration { LabelNames = ["message_type"] }).WithSeries(Types);

    public Counter ImportLines { get; } = host.Factory.CreateCounter(
        "monitoring_ingest_import_lines_total", "Import lines answered, by outcome (accepted, rejected, unavailable).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public Gauge ImportsRunning { get; } = host.Factory.CreateGauge(
        "monitoring_ingest_imports_running", "Imports being streamed right now.");

    // Every message type ingest sends (SeriesFromStart).
    static readonly string[] Types =
    [
        nameof(PlanFiled), nameof(PlanExecutionReported), nameof(QualificationReviewed), nameof(ExaminersDispatched), nameof(PaperUsed),
        nameof(SupervisionReported), nameof(ResultsRecorded), nameof(VideoSegmentsRecorded), nameof(DisclosurePublished),
        nameof(SurveysResponded), nameof(CertificatesIssued), nameof(PlanClosed), nameof(CrossRegionApplicationFiled), nameof(ExamSiteFiled),
    ];
}
