using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// <c>monitoring_requests_rejected_total{endpoint,reason}</c>: every refused request, whichever layer refused it
/// (authentication, authorization, rate limit, body limits, validation, idempotency conflicts).
/// </summary>
public static class RequestRejections
{
    static readonly Counter Rejected = Metrics.CreateCounter(
        "monitoring_requests_rejected_total", "Requests refused, by endpoint name and reason.",
        new CounterConfiguration { LabelNames = ["endpoint", "reason"] });

    public static void Count(HttpContext context, string reason) =>
        Rejected.WithLabels(EndpointName(context), reason).Inc();

    public static string EndpointName(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unmatched";
}
