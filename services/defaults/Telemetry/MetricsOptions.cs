using System.ComponentModel.DataAnnotations;

namespace Monitoring.ServiceDefaults.Telemetry;

/// <summary>The <c>Metrics</c> section: where <c>/metrics</c> is served.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// A port of its own for <c>/metrics</c> (which <c>Urls</c> must also name): then <c>/metrics</c> answers there
    /// only, and nothing else does, so a network policy can let the monitoring namespace alone reach the metrics while
    /// the API is open (deploy/k8s uses 9464). Unset: <c>/metrics</c> is served beside the API, as locally.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; init; }
}
