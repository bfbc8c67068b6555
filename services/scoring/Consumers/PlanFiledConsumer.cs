using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores a filed (or re-filed) plan.</summary>
public sealed class PlanFiledConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<PlanFiled>
{
    public Task Consume(ConsumeContext<PlanFiled> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => PlanStore.UpsertAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
