using System.ComponentModel.DataAnnotations;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>The <c>Requests</c> section: limits on what callers send, for every service.</summary>
public sealed class RequestOptions
{
    public const string Section = "Requests";

    /// <summary>The largest JSON body an endpoint reads (ingest's submissions have <c>Ingest:MaxBodyBytes</c>).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; init; } = 1024 * 1024;
}
