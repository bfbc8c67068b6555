using Monitoring.Alerts.Consumers;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts;

public static class AlertsModule
{
    public const string Service = "alerts";

    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(AlertsModule).Assembly);
        builder.AddMessageBus(Service, bus => bus.AddConsumer<PlanScoredConsumer>());
        builder.AddAccess();
        return builder;
    }

    public static WebApplication MapAlertsEndpoints(this WebApplication app) => app;
}
