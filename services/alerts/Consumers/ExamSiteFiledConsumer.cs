using MassTransit;
using Monitoring.Alerts.Sites;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A new or changed exam site waits for the org's center to confirm it.</summary>
public sealed class ExamSiteFiledConsumer(ConsumeTransaction transaction) : IConsumer<ExamSiteFiled>
{
    public Task Consume(ConsumeContext<ExamSiteFiled> context) => SiteStore.FileAsync(transaction.Current, context.Message, context.CancellationToken);
}
