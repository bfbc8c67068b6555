using Monitoring.Ingest.Plans;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Ingest;

public static class IngestModule
{
    public const string Service = "ingest";

    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(IngestModule).Assembly);
        builder.AddMessageBus(Service);
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        app.MapPlanEndpoints();
        return app;
    }
}
