using Monitoring.ServiceDefaults.Telemetry;
using Prometheus;

namespace Monitoring.Notice;

/// <summary>Notice's own series.</summary>
public sealed class NoticeMetrics(HostMetrics host)
{
    static readonly string[] Kinds = ["rectification", "suspension", "revocation", "plan-termination"];

    public Counter Issued { get; } = EveryKind(host.Factory.CreateCounter(
        "monitoring_notice_notices_issued_total", "Written notices issued (committed), by kind.",
        new CounterConfiguration { LabelNames = ["kind"] }));

    // Every kind has its series from the start, so a kind never issued shows 0 rather than nothing.
    static Counter EveryKind(Counter counter)
    {
        foreach (var kind in Kinds)
            counter.WithLabels(kind);
        return counter;
    }
}
