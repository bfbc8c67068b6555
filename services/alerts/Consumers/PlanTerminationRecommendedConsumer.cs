using MassTransit;
using Monitoring.Alerts.Terminations;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A termination recommendation waits for the center, with a red warning meanwhile.</summary>
public sealed class PlanTerminationRecommendedConsumer(ConsumeTransaction transaction, TimeProvider time) : IConsumer<PlanTerminationRecommended>
{
    public Task Consume(ConsumeContext<PlanTerminationRecommended> context) =>
        TerminationStore.RecommendAsync(transaction.Current, context.Message, time.GetUtcNow(), context.CancellationToken);
}
