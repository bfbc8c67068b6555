using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitoring.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces across services: HTTP in and out, MassTransit send and consume, the outbox relay and Npgsql.
    /// Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise spans stay in process
    /// (they still carry trace ids into logs and messages).
    /// </summary>
    public static IHostApplicationBuilder AddTracing(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource("MassTransit", OutboxRelay.ActivitySourceName, MessageTrace.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = IsNotInfrastructure)
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                    t.AddOtlpExporter();
            });
        return builder;
    }

    static bool IsNotInfrastructure(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
}
