using Monitoring.Scoring.Consumers;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring;

public static class ScoringModule
{
    public const string Service = "scoring";

    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(ScoringModule).Assembly);
        builder.AddMessageBus(Service, bus => bus.AddConsumer<PlanFiledConsumer>());
        builder.AddAccess();
        return builder;
    }

    public static WebApplication MapScoringEndpoints(this WebApplication app)
    {
        app.MapScoreEndpoints();
        return app;
    }
}
