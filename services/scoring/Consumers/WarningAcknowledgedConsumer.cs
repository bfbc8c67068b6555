using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>A center acknowledged a warning: it no longer counts as overdue.</summary>
public sealed class WarningAcknowledgedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<WarningAcknowledged>
{
    public Task Consume(ConsumeContext<WarningAcknowledged> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveAcknowledgementAsync(tx, context.Message, ct), context.CancellationToken);
}
