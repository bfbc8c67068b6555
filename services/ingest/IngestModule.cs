using Microsoft.Extensions.Options;
using Monitoring.Ingest.Idempotency;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Keys;
using Monitoring.Ingest.Privacy;
using Monitoring.Ingest.Publishing;
using Monitoring.Ingest.Submissions;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Ingest;

public static class IngestModule
{
    public const string Service = "ingest";

    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(IngestModule).Assembly);
        builder.AddMessageBus(Service);
        builder.AddAccess();
        builder.Services.AddMetrics<IngestMetrics>();

        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CandidateHasher>();
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<BrokerPublisher>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHostedService<IdempotencyPurge>();
        builder.Services.AddSingleton<KeyIssuer>();
        builder.Services.AddPerKeyRateLimit(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return (options.RateLimitPerSecond, options.RateLimitBurst);
        });
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        app.MapSubmissionEndpoints();
        app.MapImportEndpoint();
        app.MapKeyEndpoints();
        return app;
    }
}
