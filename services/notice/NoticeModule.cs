using Monitoring.Notice.Consumers;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice;

public static class NoticeModule
{
    public const string Service = "notice";

    public static IHostApplicationBuilder AddNotice(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(NoticeModule).Assembly);
        builder.AddMessageBus(Service, bus => bus.AddConsumer<PlanScoredConsumer>());
        builder.AddAccess();
        return builder;
    }

    public static WebApplication MapNoticeEndpoints(this WebApplication app) => app;
}
