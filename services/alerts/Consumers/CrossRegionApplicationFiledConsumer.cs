using MassTransit;
using Monitoring.Alerts.Applications;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A cross-region application waits for the site's local center to assess it.</summary>
public sealed class CrossRegionApplicationFiledConsumer(ConsumeTransaction transaction, TimeProvider time) : IConsumer<CrossRegionApplicationFiled>
{
    public Task Consume(ConsumeContext<CrossRegionApplicationFiled> context) =>
        ApplicationStore.FileAsync(transaction.Current, context.Message, time.GetUtcNow(), context.CancellationToken);
}
