using MassTransit;
using Monitoring.Alerts.Applications;
using Monitoring.Alerts.Consumers;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Rectifications;
using Monitoring.Alerts.Sites;
using Monitoring.Alerts.Terminations;
using Monitoring.Alerts.Warnings;
using Monitoring.Alerts.Webhooks;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Alerts;

public static class AlertsModule
{
    public const string Service = "alerts";

    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(AlertsModule).Assembly);
        builder.AddMessageBus(Service, bus =>
        {
            bus.AddConsumer<PlanScoredConsumer, PlanScoredConsumerDefinition>();
            bus.AddConsumer<IndicatorBreachedConsumer>();
            bus.AddConsumer<PlanTerminationRecommendedConsumer>();
            bus.AddConsumer<CrossRegionApplicationFiledConsumer>();
            bus.AddConsumer<ExamSiteFiledConsumer>();
        });
        builder.AddAccess();
        builder.Services.AddMetrics<AlertsMetrics>();
        builder.Services.AddScrapeGauges<AlertsGauges>();

        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddWorkingCalendar();
        builder.Services.AddSingleton<OrgCatalogue>();
        builder.Services.AddSingleton<RectificationService>();
        builder.Services.AddSingleton<RectificationSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RectificationSweeper>());
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookAddresses>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSecrets>());
        // Deliveries connect only to addresses WebhookAddresses allows (checked when connecting, after DNS),
        // never through a proxy that would connect for them, and never follow a redirect elsewhere.
        builder.Services.AddHttpClient(WebhookDispatcher.ClientName).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = sp.GetRequiredService<WebhookAddresses>().ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        });
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }

    public static WebApplication MapAlertsEndpoints(this WebApplication app)
    {
        app.MapWarningEndpoints();
        app.MapRectificationEndpoints();
        app.MapOrgEndpoints();
        app.MapWebhookEndpoints();
        app.MapTerminationEndpoints();
        app.MapApplicationEndpoints();
        app.MapSiteEndpoints();
        return app;
    }
}
