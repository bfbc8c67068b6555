using MassTransit;
using Monitoring.Alerts.Rectifications;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A plan's score: the org enters the catalogue, and a final score below 60 opens a rectification task.</summary>
public sealed class PlanScoredConsumer(ConsumeTransaction transaction, RectificationService rectifications, TimeProvider time) : IConsumer<PlanScored>
{
    public Task Consume(ConsumeContext<PlanScored> context) =>
        rectifications.OnPlanScoredAsync(transaction.Current, context.Message, time.GetUtcNow(), context.CancellationToken);
}
