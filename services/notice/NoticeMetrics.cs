using Monitoring.ServiceDefaults.Telemetry;
using Prometheus;

namespace Monitoring.Notice;

/// <summary>Notice's own series.</summary>
public sealed class NoticeMetrics(HostMetrics host)
{
    static readonly string[] Kinds = ["rectification", "suspension", "revocation", "plan-termination", "plan-return"];

    public Counter Issued { get; } = host.Factory.CreateCounter(
        "monitoring_notice_notices_issued_total", "Written notices issued (committed), by kind.",
        new CounterConfiguration { LabelNames = ["kind"] }).WithSeries(Kinds);
}
