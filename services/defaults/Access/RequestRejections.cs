using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.ServiceDefaults.Telemetry;
using Prometheus;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// <c>monitoring_requests_rejected_total{endpoint,reason}</c>: every refused request, whichever layer refused it
/// (authentication, authorization, rate limit, body limits, validation, idempotency conflicts).
/// </summary>
public sealed class RequestRejections(HostMetrics host)
{
    readonly Counter rejected = host.Factory.CreateCounter(
        "monitoring_requests_rejected_total", "Requests refused, by endpoint name and reason.",
        new CounterConfiguration { LabelNames = ["endpoint", "reason"] });

    /// <summary>Counts a refusal in the metrics of the host serving <paramref name="context"/>.</summary>
    public static void Count(HttpContext context, string reason) =>
        context.RequestServices.GetRequiredService<RequestRejections>().rejected.WithLabels(EndpointName(context), reason).Inc();

    public static string EndpointName(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unmatched";
}
