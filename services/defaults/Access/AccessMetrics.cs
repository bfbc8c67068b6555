using Monitoring.ServiceDefaults.Telemetry;
using Prometheus;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>What authentication costs and refuses: failures by reason, addresses refused for them, and the database look-ups behind both.</summary>
public sealed class AccessMetrics(HostMetrics host)
{
    /// <summary>Failed authentications counted against their client's address (<see cref="AuthenticationFailures"/>).</summary>
    public Counter Failures { get; } = host.Factory.CreateCounter(
        "monitoring_auth_failures_total", "Failed authentications counted against the client's address, by reason (missing, malformed, unknown).",
        new CounterConfiguration { LabelNames = ["reason"] }).WithSeries(["missing", "malformed", "unknown"]);

    /// <summary>Requests refused with 429 because their address had used up its failed authentications.</summary>
    public Counter Limited { get; } = host.Factory.CreateCounter(
        "monitoring_auth_limited_total", "Requests refused with 429 because their client address used up its failed authentications.");

    /// <summary>Keys looked up in the database because neither cache knew them.</summary>
    public Counter Lookups { get; } = host.Factory.CreateCounter(
        "monitoring_auth_key_lookups_total", "API keys looked up in the database (neither cache knew them), by outcome (found, unknown).",
        new CounterConfiguration { LabelNames = ["outcome"] }).WithSeries(["found", "unknown"]);
}
