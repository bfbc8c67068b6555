using MassTransit;
using Monitoring.Notice.Catalogue;
using Monitoring.Notice.Consumers;
using Monitoring.Notice.Notices;
using Monitoring.Notice.Rendering;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Notice;

public static class NoticeModule
{
    public const string Service = "notice";

    public static IHostApplicationBuilder AddNotice(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(NoticeModule).Assembly);
        builder.AddMessageBus(Service, bus =>
        {
            bus.AddConsumer<IssueNoticeConsumer, IssueNoticeConsumerDefinition>();
            bus.AddConsumer<OrgStatusChangedConsumer>();
        });
        // Scores were once kept here for notices never built on them (0003_drop_score_observations.sql).
        builder.RetireQueues("notice-plan-scored");
        builder.AddAccess();
        builder.Services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddMetrics<NoticeMetrics>();
        builder.Services.AddSingleton<PdfRenderer>();
        return builder;
    }

    public static WebApplication MapNoticeEndpoints(this WebApplication app)
    {
        Notices.NoticeEndpoints.MapNoticeEndpoints(app);
        app.MapCatalogueEndpoints();
        return app;
    }
}
